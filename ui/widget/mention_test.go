package widget

import (
	"testing"
	"time"

	"kino/project"
)

func TestMentionAt(t *testing.T) {
	cases := []struct {
		text   string
		cursor int
		start  int
		prefix string
		ok     bool
	}{
		{"@", 1, 0, "", true},
		{"me and @Ma", 10, 7, "ma", true},
		{"me and @ma on the beach", 10, 7, "ma", true},
		{"me and @ma on the beach", 12, 0, "", false}, // cursor after the mention's word
		{"mail bob@example.com", 12, 0, "", false},    // e-mail, not a mention
		{"Ich, am Strand @mär", 19, 0, "", false},     // ä ends the handle: no "@" before "r"
		{"zwei\n@li", 8, 5, "li", true},
		{"", 0, 0, "", false},
	}
	for _, c := range cases {
		start, prefix, ok := mentionAt(c.text, c.cursor)
		if ok != c.ok || ok && (start != c.start || prefix != c.prefix) {
			t.Errorf("mentionAt(%q, %d) = %d %q %v, want %d %q %v", c.text, c.cursor, start, prefix, ok, c.start, c.prefix, c.ok)
		}
	}
}

func TestInsertMention(t *testing.T) {
	got, cur := insertMention("me and @ma", 7, 10, "@mara")
	if got != "me and @mara " || cur != 13 {
		t.Fatalf("at the end: %q cursor %d", got, cur)
	}
	got, cur = insertMention("Ich @m am Strand", 4, 6, "@mara")
	if got != "Ich @mara am Strand" || cur != 10 {
		t.Fatalf("in the middle: %q cursor %d", got, cur)
	}
	got, cur = insertMention("über @ma", 5, 8, "@mara")
	if got != "über @mara " || cur != 11 {
		t.Fatalf("after a non-ASCII word: %q cursor %d (rune offsets)", got, cur)
	}
}

func TestCastableFiltersConsentAndRanks(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	ok := project.Consent{Owner: "x", Scope: project.ConsentAnyProject}
	cameos := []*project.Cameo{
		{Handle: "@zoe", Name: "Mara's friend", Consent: ok},
		{Handle: "@mara", Name: "Mara Lind", Consent: ok},
		{Handle: "@max", Name: "Max", Consent: project.Consent{Owner: "Max", Scope: project.ConsentAnyProject, Revoked: true}},
		{Handle: "@mo", Name: "Mo", Consent: project.Consent{Owner: "Mo", Scope: project.ConsentAnyProject, Expires: now.Add(-time.Hour)}},
		{Handle: "@tom", Name: "Tom", Consent: project.Consent{Owner: "Tom", Scope: project.ConsentThisProject, ProjectID: "other"}},
		{Handle: "@mia", Name: "Mia", Consent: project.Consent{Owner: "Mia", Scope: project.ConsentThisProject, ProjectID: "p1"}},
	}
	got := castable(cameos, "m", "p1", now)
	var handles []string
	for _, c := range got {
		handles = append(handles, c.Handle)
	}
	want := []string{"@mara", "@mia", "@zoe"}
	if len(handles) != len(want) {
		t.Fatalf("castable(m) = %v, want %v", handles, want)
	}
	for i := range want {
		if handles[i] != want[i] {
			t.Fatalf("castable(m) = %v, want %v", handles, want)
		}
	}
	if n := len(castable(cameos, "", "p1", now)); n != 3 {
		t.Fatalf("castable(\"\") gave %d cameos, want the 3 with valid consent", n)
	}
}
