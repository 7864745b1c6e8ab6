package project_test

import (
	"encoding/json"
	"testing"

	"kino/project"
)

func TestVoiceModel(t *testing.T) {
	v := project.DefaultVoice
	v.Model, v.Speaker = "piper:en_US-lessac-medium", 2
	if err := v.Validate(); err != nil {
		t.Fatal(err)
	}
	if v.Piper() != "en_US-lessac-medium" || v.Spec() != "piper:en_US-lessac-medium#2" {
		t.Errorf("Piper() %q, Spec() %q", v.Piper(), v.Spec())
	}
	if project.DefaultVoice.Piper() != "" || project.DefaultVoice.Spec() != "en" {
		t.Errorf("espeak voice: Piper() %q Spec() %q", project.DefaultVoice.Piper(), project.DefaultVoice.Spec())
	}
	for _, bad := range []project.Voice{
		{Language: "en", Rate: 175, Model: "kokoro:x"},
		{Language: "en", Rate: 175, Model: "piper:"},
		{Language: "en", Rate: 175, Model: "piper:../../etc/passwd"},
		{Language: "en", Rate: 175, Model: "piper:.hidden"},
		{Language: "en", Rate: 175, Model: "piper:a b"},
		{Language: "en", Rate: 175, Model: "piper:x", Speaker: -1},
		{Language: "en", Rate: 175, Speaker: 1},
	} {
		if err := bad.Validate(); project.ErrorCode(err) != project.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", bad, err)
		}
	}
}

func TestParseVoiceModel(t *testing.T) {
	for _, c := range []struct {
		in, model, speaker string
		ok, bad            bool
	}{
		{"en", "", "", false, false},
		{"de+f3", "", "", false, false},
		{"piper:de_DE-thorsten-medium", "piper:de_DE-thorsten-medium", "", true, false},
		{"piper:en_US-libritts-high#12", "piper:en_US-libritts-high", "12", true, false},
		{"Piper:en_US-x#mia", "piper:en_US-x", "mia", true, false},
		{"piper:", "", "", true, true},
		{"piper:a/b", "", "", true, true},
	} {
		m, sp, ok, err := project.ParseVoiceModel(c.in)
		if m != c.model || sp != c.speaker || ok != c.ok || (err != nil) != c.bad {
			t.Errorf("ParseVoiceModel(%q) = %q, %q, %v, %v", c.in, m, sp, ok, err)
		}
	}
}

// A voice stored before voice models existed reads as espeak-ng, and an
// espeak voice's JSON is unchanged (takes' request hashes stay the same).
func TestVoiceJSONCompatible(t *testing.T) {
	var v project.Voice
	if err := json.Unmarshal([]byte(`{"language":"de","pitch":58,"rate":165}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.Model != "" || v.Speaker != 0 || v.Validate() != nil {
		t.Errorf("old voice read as %+v", v)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"language":"de","pitch":58,"rate":165}` {
		t.Errorf("espeak voice JSON changed: %s", b)
	}
}
