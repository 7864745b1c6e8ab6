package widget

import (
	"crypto/rand"
	"encoding/binary"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"kino/project"
)

// commitWith applies change to a copy of the shot being edited, keeps the
// copy (so quick successive changes build on each other) and reports it.
func (i *Inspector) commitWith(change func(s *project.Shot)) {
	if i.base == nil || i.loading {
		return
	}
	s := i.base.Clone()
	change(s)
	i.base = s
	if i.OnCommit != nil {
		i.OnCommit(s.Clone())
	}
}

func (i *Inspector) commitDuration(text string) {
	if i.base == nil {
		return
	}
	d, err := project.ParseTime(text, i.details.Rate)
	if t := strings.TrimSpace(text); err == nil && t != "" && strings.Trim(t, "0123456789") == "" {
		// A bare number is ambiguous here: "3" left over from "3s" must
		// not become 3 frames.
		err = project.Errorf(project.EINVALID, "%q needs a unit: %ss for seconds or %sf for frames", t, t, t)
	}
	if err == nil && d.Frames < 1 {
		err = project.Errorf(project.EINVALID, "a shot lasts at least one frame")
	}
	if err != nil {
		i.message.SetText("Duration: " + project.ErrorMessage(err))
		i.message.Show()
		i.duration.ForceText(i.base.Duration.String())
		return
	}
	i.commitWith(func(s *project.Shot) { s.Duration = d })
	i.duration.ForceText(d.String())
}

func (i *Inspector) commitSeed(text string) {
	if i.base == nil {
		return
	}
	v, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
	if err != nil {
		i.message.SetText("Seed: " + strconv.Quote(text) + " is not a whole number from 0 to 18446744073709551615")
		i.message.Show()
		i.seedValue.ForceText(uitoa(i.base.Seed.Value))
		return
	}
	i.commitWith(func(s *project.Shot) { s.Seed.Value = v })
}

// Select options: "Auto" stands for the empty value.
const autoOption = "Auto"

func optionList[T ~string](values []T) []string {
	out := []string{autoOption}
	for _, v := range values {
		out = append(out, string(v))
	}
	return out
}

func toOption(v string) string {
	if v == "" {
		return autoOption
	}
	return v
}

func fromOption(v string) string {
	if v == autoOption {
		return ""
	}
	return v
}

func itoa(n int) string     { return strconv.Itoa(n) }
func uitoa(n uint64) string { return strconv.FormatUint(n, 10) }

// NewSeed draws a random seed for a new shot or take (the inspector's
// new-seed button, the studio's new shots and variations). It stays
// positive in SQLite's signed integers.
func NewSeed() uint64 {
	var b [8]byte
	rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) >> 1 // stays positive in SQLite's signed integers
}

// isGenerateShortcut reports whether s is Ctrl+Enter (Cmd+Enter on macOS).
func isGenerateShortcut(s fyne.Shortcut) bool {
	c, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	return (c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) &&
		(c.Modifier == fyne.KeyModifierControl || c.Modifier == fyne.KeyModifierSuper || c.Modifier == fyne.KeyModifierShortcutDefault)
}
