package ui

import (
	"strconv"
	"strings"
	"time"

	"kino/project"
	kwidget "kino/ui/widget"
)

// refreshAll brings every view up to date with the model.
func (s *Studio) refreshAll() {
	s.updateTitle()
	if s.timeline.Rate() != s.m.settings.Rate {
		s.timeline.SetRate(s.m.settings.Rate)
	}
	s.inspector.SetProject(s.m.settings.ID)
	s.inspector.SetCameos(s.cast.candidates())
	s.cast.panel.SetCameos(s.m.library, s.m.settings.ID)
	s.refreshCards()
	s.timeline.SetSelected(s.sel)
	s.engine.refresh()
	s.refreshInspector()
	s.play.refreshProgram()
	s.menu.refresh()
}

// refreshImages is called when thumbnails finished decoding.
func (s *Studio) refreshImages() {
	if s.closed {
		return
	}
	s.refreshCards()
	s.refreshTakes()
}

// staleKey identifies the inputs of one staleness check.
type staleKey struct {
	updated time.Time
	take    int64
	cameos  string
	// settings is the project's: its resolution and engine enter requests.
	settings project.Project
}

func (s *Studio) cameoStamp() string {
	var b strings.Builder
	for _, c := range s.m.cameos {
		b.WriteString(c.ID)
		b.WriteString(strconv.FormatInt(c.UpdatedAt.UnixNano(), 36))
	}
	return b.String()
}

type staleMemo struct {
	key   staleKey
	stale bool
}

// shotStale reports whether shot's active take is stale, remembering the
// answer until the shot, the take or the cameos change.
func (s *Studio) shotStale(sh *project.Shot, t *project.Take, stamp string) bool {
	if t == nil {
		return false
	}
	key := staleKey{sh.UpdatedAt, t.ID, stamp, *s.m.settings}
	if m, ok := s.staleMemo[sh.ID]; ok && m.key == key {
		return m.stale
	}
	st := isStale(s.m.settings, s.m.cameos, sh, t)
	s.staleMemo[sh.ID] = staleMemo{key, st}
	return st
}

// cardFor describes shot sh for the timeline.
func (s *Studio) cardFor(sh *project.Shot, stamp string, now time.Time) kwidget.Card {
	c := kwidget.Card{ID: sh.ID, Number: sh.Number(), Prompt: oneLine(sh.Prompt), Frames: sh.Duration.Rescale(s.m.settings.Rate).Frames}
	active := s.m.activeTake(sh)
	withheld := s.m.withheld(active, now)
	if active != nil && withheld == "" {
		if a, ok := active.MediaFor(project.MediaThumbnail); ok {
			c.Thumb = s.thumbs.get(a.SHA256)
		}
	}
	// A picture of the shot taking shape may show a cameo whose consent
	// was revoked meanwhile: previews are only shown while it allows them.
	showPreviews := withheld == "" && s.m.consentProblem(sh, now) == nil
	if s.jobs.card(&c, sh.ID, showPreviews) {
		return c
	}
	switch {
	case withheld != "":
		c.State = kwidget.CardWithheld
	case s.m.consentProblem(sh, now) != nil:
		c.State = kwidget.CardBlocked
	case active == nil && s.m.lastFailed(sh) != nil:
		c.State = kwidget.CardFailed
	case active == nil:
		c.State = kwidget.CardEmpty
	case s.shotStale(sh, active, stamp):
		c.State = kwidget.CardStale
	default:
		c.State = kwidget.CardReady
	}
	return c
}

func oneLine(p string) string {
	if strings.ContainsAny(p, "\n\r\t") {
		return strings.Join(strings.Fields(p), " ")
	}
	return p
}

func (s *Studio) refreshCards() {
	stamp := s.cameoStamp()
	now := s.deps.Now()
	cards := make([]kwidget.Card, len(s.m.shots))
	for i, sh := range s.m.shots {
		cards[i] = s.cardFor(sh, stamp, now)
	}
	s.timeline.SetCards(cards)
	s.play.peaks.update()
}

// details gathers what the inspector shows about sh besides its fields.
func (s *Studio) details(sh *project.Shot) kwidget.ShotDetails {
	d := kwidget.ShotDetails{Rate: s.m.settings.Rate}
	now := s.deps.Now()
	if err := s.m.consentProblem(sh, now); err != nil {
		d.Problem = "Cannot generate: " + project.ErrorMessage(err)
	}
	d.Withheld = s.cast.withheldOf(sh, now)
	s.jobs.details(sh, &d)
	return d
}

func (s *Studio) refreshInspector() {
	sh := s.selectedShot()
	if sh == nil {
		s.inspector.SetShot(nil, kwidget.ShotDetails{})
		s.inspector.Takes().SetTakes(nil)
		return
	}
	if s.edits.inflight[sh.ID] > 0 {
		s.inspector.SetDetails(s.details(sh))
	} else {
		s.inspector.SetShot(sh, s.details(sh))
	}
	s.edits.countTokens(s.inspector.Prompt().Value())
	s.refreshTakes()
}

// takeViews describes the takes of sh for the strip.
func (s *Studio) takeViews(sh *project.Shot) []kwidget.TakeView {
	takes := s.m.takes[sh.ID]
	views := make([]kwidget.TakeView, len(takes))
	stamp := s.cameoStamp()
	now := s.deps.Now()
	for k, t := range takes {
		v := kwidget.TakeView{Take: t, Number: k + 1, Active: t.ID == sh.ActiveTakeID, Withheld: s.m.withheld(t, now)}
		if a, ok := t.MediaFor(project.MediaThumbnail); ok && v.Withheld == "" {
			v.Thumb = s.thumbs.get(a.SHA256)
		}
		if v.Active {
			v.Stale = s.shotStale(sh, t, stamp)
		}
		views[k] = v
	}
	return views
}

func (s *Studio) refreshTakes() {
	if sh := s.selectedShot(); sh != nil {
		s.inspector.Takes().SetTakes(s.takeViews(sh))
	}
}
