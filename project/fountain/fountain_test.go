package fountain

import (
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	data, _ := os.ReadFile("testdata/last_firework.fountain")
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range s.TitlePage {
		t.Logf("title %s = %q", x.Key, x.Value)
	}
	for _, e := range s.Elements {
		t.Log(e)
	}
}
