package fountain

import (
	"strings"

	"kino/project"
)

// Casting says which cameo plays each character.
type Casting struct {
	// ByKey maps a character's key (see Role.Key) to its cameo; a
	// character missing here, or mapped to nil, is left uncast: its
	// lines keep its name and are spoken by the narrator voice.
	ByKey map[string]*project.Cameo
	// ByHandle finds a cameo a kino note names ("@ana"); nil when there
	// is none.
	ByHandle func(handle string) *project.Cameo
}

// Match finds each character's cameo among cameos: the one whose name, or
// handle without "@", is the character's name, case-insensitively
// (extensions such as "(V.O.)" are not part of the name; "OLD MAN" also
// matches @old_man, @old.man and @oldman). A name match wins over a
// handle match. Characters without a match are not in the map.
func Match(roles []Role, cameos []*project.Cameo) map[string]*project.Cameo {
	out := map[string]*project.Cameo{}
	for _, r := range roles {
		var byHandle *project.Cameo
		for _, c := range cameos {
			if characterKey(c.Name) == r.Key {
				out[r.Key] = c
				byHandle = nil
				break
			}
			if byHandle == nil && handleMatches(r.Key, c.Handle) {
				byHandle = c
			}
		}
		if byHandle != nil {
			out[r.Key] = byHandle
		}
	}
	return out
}

// handleMatches reports whether a character key names the handle h.
func handleMatches(key, h string) bool {
	name := strings.ToLower(strings.TrimPrefix(h, "@"))
	k := strings.ToLower(key)
	for _, sep := range []string{" ", "_", ".", ""} {
		if strings.ReplaceAll(k, " ", sep) == name {
			return true
		}
	}
	return false
}

// Shots casts the drafts and returns the shots, ready for
// project.ImportShots, and the cameos they cast (each once). A shot takes
// the cast cameos of the characters present in it (their role is the
// character's name); a line of a cast character is spoken by its cameo,
// a line of an uncast character by the narrator voice under the
// character's name. A shot with a kino note casts exactly the note's
// cameos, which ByHandle must find.
func (r *Result) Shots(c Casting) ([]project.Shot, []project.Cameo, error) {
	shots := make([]project.Shot, 0, len(r.Drafts))
	var cameos []project.Cameo
	used := map[string]bool{}
	use := func(cm *project.Cameo) {
		if !used[cm.ID] {
			used[cm.ID] = true
			cameos = append(cameos, *cm)
		}
	}
	for i := range r.Drafts {
		d := &r.Drafts[i]
		s := d.Shot.Clone()
		s.Cast = nil
		roleOf := map[string]string{} // character key -> handle
		add := func(cm *project.Cameo, role string) bool {
			for _, m := range s.Cast {
				if m.CameoID == cm.ID {
					return true
				}
			}
			if len(s.Cast) >= project.MaxCastSize {
				return false
			}
			s.Cast = append(s.Cast, project.CastMember{CameoID: cm.ID, Handle: cm.Handle, Role: role})
			use(cm)
			return true
		}
		if n := d.note; n != nil {
			for _, nc := range n.cast {
				var cm *project.Cameo
				if c.ByHandle != nil {
					cm = c.ByHandle(nc.Handle)
				}
				if cm == nil {
					return nil, nil, errAt(n.line, "the kino note casts %s, which is not in your cameo library", nc.Handle)
				}
				if !add(cm, nc.Role) {
					return nil, nil, errAt(n.line, "the kino note casts more than %d cameos", project.MaxCastSize)
				}
				if nc.Role != "" {
					roleOf[characterKey(nc.Role)] = cm.Handle
				}
				roleOf[characterKey(strings.TrimPrefix(cm.Handle, "@"))] = cm.Handle
			}
		} else {
			for _, key := range d.Present {
				cm := c.ByKey[key]
				if cm == nil {
					continue
				}
				if add(cm, r.nameOf(key)) {
					roleOf[key] = cm.Handle
				}
			}
		}
		for k := range s.Dialogue {
			w := d.Speakers[k]
			l := &s.Dialogue[k]
			switch h, ok := roleOf[w.Key]; {
			case w.Handle != "":
				if !s.IsCast(w.Handle) {
					return nil, nil, errAt(w.line, "kino note: speaker %s is not in the shot's cast", w.Handle)
				}
				l.Speaker = w.Handle
			case !w.Narrator && ok:
				l.Speaker = h
			default:
				l.Speaker, l.Narrator = w.Name, true
			}
		}
		shots = append(shots, *s)
	}
	return shots, cameos, nil
}

// nameOf returns the name a character is first written with.
func (r *Result) nameOf(key string) string {
	if r.names == nil {
		r.names = make(map[string]string, len(r.Characters))
		for _, c := range r.Characters {
			r.names[c.Key] = c.Name
		}
	}
	if n, ok := r.names[key]; ok {
		return n
	}
	return key
}

// Key returns the key a character is cast by for a name as a person
// writes it: "Ana", "ANA (V.O.)" and "@ana" all give "ANA".
func Key(name string) string {
	n, _, _ := splitName(unforced(name))
	return characterKey(n)
}
