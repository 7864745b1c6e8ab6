package onnx

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// externalModel encodes a ModelProto whose one initializer lives in an
// external file at location, offset and length.
func externalModel(location, offset, length string) []byte {
	entry := func(k, v string) []byte { return pbBytes(pbBytes(nil, 1, []byte(k)), 2, []byte(v)) }
	t := pbVarint(nil, 1, 4)                        // dims [4]
	t = pbVarint(t, 2, uint64(typeFloat))           // data_type
	t = pbBytes(t, 8, []byte("w"))                  // name
	t = pbBytes(t, 13, entry("location", location)) // external_data
	if offset != "" {
		t = pbBytes(t, 13, entry("offset", offset))
	}
	if length != "" {
		t = pbBytes(t, 13, entry("length", length))
	}
	t = pbVarint(t, 14, dataLocationExt)
	g := pbBytes(nil, 5, t)
	m := pbVarint(nil, 1, 8)
	return pbBytes(m, 7, g)
}

func TestCheckModelFileExternalData(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("weights.bin", make([]byte, 100))
	cases := []struct {
		name       string
		model      []byte
		want       string
		incomplete bool
	}{
		{"fits", externalModel("weights.bin", "84", "16"), "", false},
		{"past the end", externalModel("weights.bin", "90", "16"), "has 100 bytes but the model needs 106", true},
		{"missing file", externalModel("other.bin", "", "4"), "other.bin is missing", true},
		{"outside the folder", externalModel("../weights.bin", "", "4"), "outside the model's folder", false},
		{"absolute path", externalModel("/etc/passwd", "", "4"), "outside the model's folder", false},
		{"bad offset", externalModel("weights.bin", "-1", "4"), "not a byte count", false},
		{"no graph", pbVarint(nil, 1, 8), "no ONNX graph", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkModelFile(write("model.onnx", c.model))
			if c.want == "" {
				if err != nil {
					t.Fatalf("checkModelFile: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to say %q", err, c.want)
			}
			if errors.Is(err, ErrIncomplete) != c.incomplete {
				t.Errorf("errors.Is(ErrIncomplete) = %v, want %v", !c.incomplete, c.incomplete)
			}
		})
	}
}
