package sqlite

import (
	"testing"
)

func TestDataVersionChangesOnlyForOtherConnections(t *testing.T) {
	p := MustOpenDB(t)
	v0, err := p.DataVersion(bg)
	if err != nil {
		t.Fatal(err)
	}
	mustAddShot(t, p, "our own edit")
	if v, err := p.DataVersion(bg); err != nil || v != v0 {
		t.Fatalf("data version after our own edit: %d (%v), want %d unchanged", v, err, v0)
	}
	// Another connection to the same database commits.
	other, err := openStore(p.db.path, "other", false)
	if err != nil {
		t.Fatal(err)
	}
	defer other.close()
	if _, err := other.w.ExecContext(bg, "UPDATE shots SET prompt = 'changed elsewhere'"); err != nil {
		t.Fatal(err)
	}
	if v, err := p.DataVersion(bg); err != nil || v == v0 {
		t.Fatalf("data version after another connection's commit: %d (%v), want a change from %d", v, err, v0)
	}
}
