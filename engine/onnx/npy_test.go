package onnx

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// readNpy reads a little-endian float32, int64 or uint8 .npy array (C
// order) as float64 values with its shape.
func readNpy(t testing.TB, path string) ([]float64, []int) {
	t.Helper()
	v, shape, err := parseNpy(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return v, shape
}

var npyHeader = regexp.MustCompile(`'descr':\s*'([<|][a-z]\d)'.*'fortran_order':\s*(False|True).*'shape':\s*\(([^)]*)\)`)

func parseNpy(path string) ([]float64, []int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if len(data) < 10 || string(data[:6]) != "\x93NUMPY" {
		return nil, nil, fmt.Errorf("not an .npy file")
	}
	var hlen, off int
	switch data[6] {
	case 1:
		hlen, off = int(binary.LittleEndian.Uint16(data[8:])), 10
	default:
		hlen, off = int(binary.LittleEndian.Uint32(data[8:])), 12
	}
	m := npyHeader.FindStringSubmatch(string(data[off : off+hlen]))
	if m == nil || m[2] != "False" {
		return nil, nil, fmt.Errorf("unsupported header %q", data[off:off+hlen])
	}
	var shape []int
	n := 1
	for _, s := range strings.Split(m[3], ",") {
		if s = strings.TrimSpace(s); s != "" {
			d, err := strconv.Atoi(s)
			if err != nil {
				return nil, nil, err
			}
			shape = append(shape, d)
			n *= d
		}
	}
	body := data[off+hlen:]
	out := make([]float64, n)
	switch m[1] {
	case "<f4":
		for i := range out {
			out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:])))
		}
	case "<i8":
		for i := range out {
			out[i] = float64(int64(binary.LittleEndian.Uint64(body[8*i:])))
		}
	case "|u1":
		for i := range out {
			out[i] = float64(body[i])
		}
	default:
		return nil, nil, fmt.Errorf("unsupported dtype %s", m[1])
	}
	return out, shape, nil
}
