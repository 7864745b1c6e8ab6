package c2pa

import (
	"fmt"
	"reflect"

	"github.com/fxamacker/cbor/v2"
)

// encMode encodes CBOR with sorted map keys and shortest integers (RFC 8949
// core deterministic encoding), so the same manifest gives the same bytes.
var encMode = func() cbor.EncMode {
	m, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// decMode decodes CBOR from files with limits that keep hostile input
// from using much memory or stack.
var decMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		MaxNestedLevels:  32,
		MaxArrayElements: 1 << 16,
		MaxMapPairs:      1 << 16,
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		IndefLength:      cbor.IndefLengthAllowed,
		DefaultMapType:   reflect.TypeOf(map[any]any(nil)),
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()

func marshalCBOR(v any) ([]byte, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding CBOR: %w", err)
	}
	return b, nil
}

func unmarshalCBOR(b []byte, v any) error {
	return decMode.Unmarshal(b, v)
}

// jsonable turns decoded CBOR into values encoding/json can print: maps
// with string keys, byte strings as hex, tags as their content.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[fmt.Sprint(jsonable(k))] = jsonable(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = jsonable(x[i])
		}
		return out
	case []byte:
		return fmt.Sprintf("%x", x)
	case cbor.Tag:
		return jsonable(x.Content)
	case string:
		return printable(x)
	}
	return v
}
