package sqlite

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/project"
)

// childEdit opens the project at path and applies random edits forever.
// Before each it prints "try ..." and after Apply (or CreateTake) returns
// it prints "ok ...": every "ok" line is an acknowledged edit.
func childEdit(path string, seed uint64) int {
	p, err := Open(path, Options{})
	if err != nil {
		say("err open: %v", err)
		return 3
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	shots, err := p.Shots(bg)
	if err != nil {
		say("err shots: %v", err)
		return 3
	}
	var ids []int64
	for _, s := range shots {
		ids = append(ids, s.ID)
	}
	done := map[int64][]int64{} // shot -> finished takes
	for _, id := range ids {
		takes, _ := p.Takes(bg, id)
		for _, t := range takes {
			done[id] = append(done[id], t.ID)
		}
	}
	fail := func(what string, err error) int {
		say("err %s: %v", what, err)
		return 3
	}
	for n := 0; ; n++ {
		token := fmt.Sprintf("s%d-n%d-✨", seed, n)
		switch op := rng.IntN(20); {
		case op < 5 || len(ids) < 3:
			at := rng.IntN(len(ids) + 1)
			say("try add %d %s", at, token)
			a, err := p.Apply(bg, project.AddShot{Shot: shotAt24(token), Index: at})
			if err != nil {
				return fail("add", err)
			}
			ids = slices.Insert(ids, at, a.ID)
			say("ok add %d", a.ID)
		case op < 11:
			id := ids[rng.IntN(len(ids))]
			say("try prompt %d %s", id, token)
			s, err := p.Shot(bg, id)
			if err != nil {
				return fail("read", err)
			}
			s.Prompt = token
			if _, err := p.Apply(bg, project.UpdateShot{Shot: *s}); err != nil {
				return fail("prompt", err)
			}
			say("ok prompt")
		case op < 14:
			from, to := rng.IntN(len(ids)), rng.IntN(len(ids))
			id := ids[from]
			say("try move %d %d", id, to)
			if _, err := p.Apply(bg, project.MoveShot{ShotID: id, Index: to}); err != nil {
				return fail("move", err)
			}
			ids = slices.Insert(slices.Delete(ids, from, from+1), to, id)
			say("ok move")
		case op < 16:
			at := rng.IntN(len(ids))
			id := ids[at]
			say("try delete %d", id)
			if _, err := p.Apply(bg, project.DeleteShot{ShotID: id}); err != nil {
				return fail("delete", err)
			}
			ids = slices.Delete(ids, at, at+1)
			delete(done, id)
			say("ok delete")
		case op < 19:
			id := ids[rng.IntN(len(ids))]
			blob := make([]byte, 1+rng.IntN(64<<10))
			for i := range blob {
				blob[i] = byte(rng.Uint32())
			}
			a, err := p.PutBlob(bg, strings.NewReader(string(blob)), "video/x-motion-jpeg")
			if err != nil {
				return fail("blob", err)
			}
			say("try take %d %s", id, a.SHA256)
			t := &project.Take{ShotID: id, Backend: "previz", ParamsHash: token, Status: project.TakeDone,
				Media: []project.MediaRef{{Role: project.MediaVideo, Asset: a}}}
			if err := p.CreateTake(bg, t); err != nil {
				return fail("take", err)
			}
			done[id] = append(done[id], t.ID)
			say("ok take %d", t.ID)
		default:
			id := ids[rng.IntN(len(ids))]
			if len(done[id]) == 0 {
				continue
			}
			take := done[id][rng.IntN(len(done[id]))]
			say("try active %d %d", id, take)
			if _, err := p.Apply(bg, project.SetActiveTake{ShotID: id, TakeID: take}); err != nil {
				return fail("active", err)
			}
			say("ok active")
		}
	}
}

// crashModel is what the parent knows was committed.
type crashModel struct {
	order  []int64            // shot IDs in timeline order
	prompt map[int64]string   // shot ID -> prompt
	takes  map[int64][]string // shot ID -> "takeID:sha" in ID order
	active map[int64]int64
}

func (m *crashModel) clone() *crashModel {
	c := &crashModel{order: slices.Clone(m.order), prompt: map[int64]string{}, takes: map[int64][]string{}, active: map[int64]int64{}}
	for k, v := range m.prompt {
		c.prompt[k] = v
	}
	for k, v := range m.takes {
		c.takes[k] = slices.Clone(v)
	}
	for k, v := range m.active {
		c.active[k] = v
	}
	return c
}

// apply records a committed edit: try holds the "try" fields, id the ID
// reported (or learnt from the database for an unacknowledged edit).
func (m *crashModel) apply(try []string, id int64) {
	num := func(i int) int64 { n, _ := strconv.ParseInt(try[i], 10, 64); return n }
	switch try[0] {
	case "add":
		at := min(int(num(1)), len(m.order))
		m.order = slices.Insert(m.order, at, id)
		m.prompt[id] = try[2]
	case "prompt":
		m.prompt[num(1)] = try[2]
	case "move":
		sid, to := num(1), int(num(2))
		i := slices.Index(m.order, sid)
		m.order = slices.Delete(m.order, i, i+1)
		m.order = slices.Insert(m.order, min(to, len(m.order)), sid)
	case "delete":
		sid := num(1)
		i := slices.Index(m.order, sid)
		m.order = slices.Delete(m.order, i, i+1)
		delete(m.prompt, sid)
		delete(m.takes, sid)
		delete(m.active, sid)
	case "take":
		m.takes[num(1)] = append(m.takes[num(1)], fmt.Sprintf("%d:%s", id, try[2]))
	case "active":
		m.active[num(1)] = num(2)
	}
}

// readModel reads the same facts from an open project.
func readModel(t *testing.T, p *Project) *crashModel {
	t.Helper()
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatalf("reading shots: %v", err)
	}
	m := &crashModel{prompt: map[int64]string{}, takes: map[int64][]string{}, active: map[int64]int64{}}
	for i, s := range shots {
		if s.Index != i {
			t.Fatalf("shot %d at position %d has Index %d", s.ID, i, s.Index)
		}
		m.order = append(m.order, s.ID)
		m.prompt[s.ID] = s.Prompt
		if s.ActiveTakeID != 0 {
			m.active[s.ID] = s.ActiveTakeID
		}
		takes, err := p.Takes(bg, s.ID)
		if err != nil {
			t.Fatalf("reading takes: %v", err)
		}
		for _, tk := range takes {
			m.takes[s.ID] = append(m.takes[s.ID], fmt.Sprintf("%d:%s", tk.ID, tk.Media[0].Asset.SHA256))
		}
	}
	return m
}

func (m *crashModel) String() string {
	var b strings.Builder
	for _, id := range m.order {
		fmt.Fprintf(&b, "%d %q takes=%v active=%d\n", id, m.prompt[id], m.takes[id], m.active[id])
	}
	return b.String()
}

// learnID finds the ID an unacknowledged add or take got, from the
// database's state.
func learnID(try []string, m, db *crashModel) int64 {
	switch try[0] {
	case "add":
		for _, id := range db.order {
			if !slices.Contains(m.order, id) {
				return id
			}
		}
	case "take":
		sid, _ := strconv.ParseInt(try[1], 10, 64)
		for _, tk := range db.takes[sid] {
			if !slices.Contains(m.takes[sid], tk) {
				id, _ := strconv.ParseInt(strings.Split(tk, ":")[0], 10, 64)
				return id
			}
		}
	}
	return 0
}

// TestCrashSafety kills a child that is applying edits at random moments,
// over and over on the same project. After each kill, every edit the child
// acknowledged is in the database, nothing else is but the one edit it may
// have been committing, the database passes integrity_check, and every
// blob a row names is on disk with the right hash.
func TestCrashSafety(t *testing.T) {
	p := MustOpenDB(t)
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	model := &crashModel{prompt: map[int64]string{}, takes: map[int64][]string{}, active: map[int64]int64{}}
	rng := rand.New(rand.NewPCG(7, 7))
	const rounds = 25
	acked, unacked := 0, 0
	for round := range rounds {
		cmd, lines := child(t, "edit", path, strconv.Itoa(round+1))
		killAfter := rng.IntN(40)
		var pending []string
		oks := 0
		handle := func(line string) {
			f := strings.Fields(line)
			switch {
			case len(f) == 0:
			case f[0] == "err":
				cmd.Process.Kill()
				t.Fatalf("round %d: child failed: %s", round, line)
			case f[0] == "try":
				pending = f[1:]
			case f[0] == "ok":
				var id int64
				if len(f) > 2 {
					id, _ = strconv.ParseInt(f[2], 10, 64)
				}
				model.apply(pending, id)
				pending = nil
				oks++
			}
		}
		for oks < killAfter {
			line, ok := <-lines
			if !ok {
				t.Fatalf("round %d: child exited early: %v", round, cmd.Wait())
			}
			handle(line)
		}
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("killing child: %v", err)
		}
		for line := range lines {
			handle(line)
		}
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: child exited cleanly before it was killed", round)
		}
		acked += oks

		// The lock of the killed child does not block this open.
		p, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("round %d: reopening after SIGKILL: %v", round, err)
		}
		got := readModel(t, p)
		if got.String() != model.String() {
			if pending == nil {
				t.Fatalf("round %d: database differs from acknowledged edits\n got:\n%s\nwant:\n%s", round, got, model)
			}
			alt := model.clone()
			alt.apply(pending, learnID(pending, model, got))
			if got.String() != alt.String() {
				t.Fatalf("round %d: database matches neither the acknowledged edits nor them plus the pending %v\n got:\n%s\nwant:\n%s", round, pending, got, model)
			}
			model = alt
			unacked++
		}
		damage, err := p.Check(bg)
		if err != nil || len(damage) != 0 {
			t.Fatalf("round %d: check after SIGKILL: %+v %v", round, damage, err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d rounds, %d acknowledged edits survived, %d unacknowledged commits found, %d shots at the end", rounds, acked, unacked, len(model.order))
	if acked < rounds {
		t.Fatalf("only %d edits were acknowledged in %d rounds; the test did not exercise much", acked, rounds)
	}
}
