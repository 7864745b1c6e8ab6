package ui

import (
	"context"
	"fmt"
	"time"

	"kino/project"
)

// snapshot is what one background read of the store returns.
type snapshot struct {
	settings  *project.Project
	shots     []*project.Shot
	takes     map[int64][]*project.Take // for the shots that were read
	allTakes  bool                      // takes holds every shot's takes
	cameos    []*project.Cameo
	audio     []*project.AudioClip
	undo      string
	redo      string
	readAt    time.Time
	libCameos []*project.Cameo
	withLib   bool
	// facts are the project's consent records; libFacts the library's,
	// read with it (libErr when they could not be read).
	facts    *project.ConsentFacts
	libFacts *project.ConsentFacts
	libErr   error
}

// loadSnapshot reads the project. takesFor lists the shots whose takes to
// read; nil reads every shot's takes.
func loadSnapshot(ctx context.Context, st Store, takesFor []int64) (*snapshot, error) {
	s := &snapshot{takes: map[int64][]*project.Take{}, readAt: time.Now()}
	var err error
	if s.settings, err = st.Project(ctx); err != nil {
		return nil, fmt.Errorf("reading the project settings: %w", err)
	}
	if s.shots, err = st.Shots(ctx); err != nil {
		return nil, fmt.Errorf("reading the shots: %w", err)
	}
	if s.cameos, err = st.Cameos(ctx); err != nil {
		return nil, fmt.Errorf("reading the project's cameos: %w", err)
	}
	if s.audio, err = st.AudioClips(ctx); err != nil {
		return nil, fmt.Errorf("reading the music and voice-over clips: %w", err)
	}
	if s.facts, err = st.ConsentFacts(ctx); err != nil {
		return nil, fmt.Errorf("reading the project's consent records: %w", err)
	}
	if takesFor == nil {
		s.allTakes = true
		for _, sh := range s.shots {
			takesFor = append(takesFor, sh.ID)
		}
	}
	for _, id := range takesFor {
		takes, err := st.Takes(ctx, id)
		if project.ErrorCode(err) == project.ENOTFOUND {
			continue // the shot was deleted meanwhile
		}
		if err != nil {
			return nil, fmt.Errorf("reading the takes of shot %d: %w", id, err)
		}
		s.takes[id] = takes
	}
	s.undo, s.redo = st.UndoLabel(), st.RedoLabel()
	return s, nil
}

// model is the studio's copy of the project, replaced piecewise by
// snapshots. It is only touched on the UI goroutine.
type model struct {
	settings  *project.Project
	shots     []*project.Shot
	byID      map[int64]*project.Shot
	takes     map[int64][]*project.Take
	cameos    []*project.Cameo // the project's snapshots
	audio     []*project.AudioClip
	library   []*project.Cameo
	undoLabel string
	redoLabel string

	// Consent: the project's and the library's records, and the book
	// judging them (rebuilt when they change or the clock moves on).
	facts, libFacts *project.ConsentFacts
	libErr          error
	book            *project.ConsentBook
	bookAt          time.Time
}

func newModel() *model {
	return &model{settings: project.NewProject("Untitled"), byID: map[int64]*project.Shot{}, takes: map[int64][]*project.Take{}}
}

func (m *model) apply(s *snapshot) {
	m.settings = s.settings
	m.shots = s.shots
	m.byID = make(map[int64]*project.Shot, len(s.shots))
	for _, sh := range s.shots {
		m.byID[sh.ID] = sh
	}
	if s.allTakes {
		m.takes = s.takes
	} else {
		for id, t := range s.takes {
			m.takes[id] = t
		}
		for id := range m.takes {
			if m.byID[id] == nil {
				delete(m.takes, id)
			}
		}
	}
	m.cameos = s.cameos
	m.audio = s.audio
	m.undoLabel, m.redoLabel = s.undo, s.redo
	m.facts, m.book = s.facts, nil
	if s.withLib {
		m.library = s.libCameos
		m.libFacts, m.libErr = s.libFacts, s.libErr
	}
}

// consent returns the consent book for now: the one consent rule
// (project.JudgeConsent) over the project's and the library's records;
// when the library could not be read, every cameo is refused (consent
// fails closed). It is rebuilt when the records change or a minute has
// passed, so an expiry takes effect without a reload.
func (m *model) consent(now time.Time) *project.ConsentBook {
	if m.book == nil || now.Sub(m.bookAt) > time.Minute || now.Before(m.bookAt) {
		m.book = project.NewConsentBook(project.MergeConsentFacts(m.facts, m.libFacts), m.settings.ID, now)
		if m.libErr != nil {
			m.book.FailClosed(m.libErr)
		}
		m.bookAt = now
	}
	return m.book
}

// verdict judges the cameo with id (shown as handle) now.
func (m *model) verdict(id, handle string, now time.Time) project.ConsentVerdict {
	return m.consent(now).Verdict(id, handle)
}

// withheld returns why take t may not be played, shown or exported now:
// the short reasons of the cameos it depicts that have no consent for it
// ("@sam revoked consent"), or "" when it may.
func (m *model) withheld(t *project.Take, now time.Time) string {
	if t == nil {
		return ""
	}
	return project.WithheldSummary(m.consent(now).Withheld(t))
}

// shot returns the shot with id, or nil.
func (m *model) shot(id int64) *project.Shot { return m.byID[id] }

// index returns the timeline position of shot id, or -1.
func (m *model) index(id int64) int {
	if s := m.byID[id]; s != nil && s.Index < len(m.shots) && m.shots[s.Index].ID == id {
		return s.Index
	}
	for i, s := range m.shots {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// take returns the take with id of shot, or nil.
func (m *model) take(shotID, takeID int64) *project.Take {
	for _, t := range m.takes[shotID] {
		if t.ID == takeID {
			return t
		}
	}
	return nil
}

// activeTake returns the take shot shows, or nil.
func (m *model) activeTake(s *project.Shot) *project.Take {
	if s == nil || s.ActiveTakeID == 0 {
		return nil
	}
	return m.take(s.ID, s.ActiveTakeID)
}

// audioClip returns the music or voice-over clip with id, or nil.
func (m *model) audioClip(id int64) *project.AudioClip {
	for _, c := range m.audio {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// projectCameo returns the project's snapshot of the cameo with id.
func (m *model) projectCameo(id string) *project.Cameo {
	for _, c := range m.cameos {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// libraryCameo returns the library's cameo with handle h, or nil.
func (m *model) libraryCameo(h string) *project.Cameo {
	h = project.NormalizeHandle(h)
	for _, c := range m.library {
		if c.Handle == h {
			return c
		}
	}
	return nil
}

// consentProblem returns the ECONSENT error that stops shot from being
// generated, or nil: the consent rule's verdict on each cast cameo, as the
// renderer judges it.
func (m *model) consentProblem(s *project.Shot, now time.Time) error {
	for _, c := range s.Cast {
		if v := m.verdict(c.CameoID, c.Handle, now); !v.Allowed() {
			return v.Err
		}
	}
	return nil
}

// duration returns the timeline's length.
func (m *model) duration() project.Time {
	t := project.Frames(0, m.settings.Rate)
	for _, s := range m.shots {
		t.Frames += s.Duration.Rescale(m.settings.Rate).Frames
	}
	return t
}

// shotStart returns the timeline frame where shot i starts.
func (m *model) shotStart(i int) int64 {
	var f int64
	for _, s := range m.shots[:i] {
		f += s.Duration.Frames
	}
	return f
}

// lastFailed returns the newest take of sh when it failed.
func (m *model) lastFailed(sh *project.Shot) *project.Take {
	takes := m.takes[sh.ID]
	if len(takes) == 0 {
		return nil
	}
	t := takes[len(takes)-1]
	if t.Status == project.TakeFailed {
		return t
	}
	return nil
}
