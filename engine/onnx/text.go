package onnx

import (
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// encodeText runs the text encoder on each text and returns its
// last_hidden_state ([77][hidden]) per text.
func (g *gen) encodeText(texts []string) ([][]float32, int, error) {
	spec := g.pl.Spec.Text
	hidden, err := g.textHidden()
	if err != nil {
		return nil, 0, err
	}
	if h := g.pl.Spec.UNet.Hidden; h >= 0 && int64(hidden) != h {
		return nil, 0, fmt.Errorf("the text encoder gives %d-wide hidden states but the UNet takes %d", hidden, h)
	}
	per := SeqLen * hidden
	out := make([][]float32, len(texts))
	for _, call := range batchCalls(len(texts), spec.Batch) {
		k := int64(len(call))
		ids, _, err := g.ts.get("input_ids", spec.IDs, k, SeqLen)
		if err != nil {
			return nil, 0, err
		}
		hs, _, err := g.ts.get("last_hidden_state", spec.Out, k, SeqLen, int64(hidden))
		if err != nil {
			return nil, 0, err
		}
		all := make([]int64, 0, len(call)*SeqLen)
		for _, r := range call {
			row, _, _ := g.pl.tok.EncodePadded(texts[r], SeqLen)
			all = append(all, row...)
		}
		ids.setIDs(all)
		if err := g.pl.text.run(g.rc, []ort.Value{ids.value}, []ort.Value{hs.value}); err != nil {
			return nil, 0, err
		}
		for j, r := range call {
			if out[r] == nil {
				out[r] = make([]float32, per)
				hs.getRange(j*per, out[r])
			}
		}
	}
	return out, hidden, nil
}

// textHidden returns the width of the text encoder's hidden states: from
// its signature or the UNet's, or else from one run whose output ONNX
// Runtime allocates (read for its shape only).
func (g *gen) textHidden() (int, error) {
	spec := g.pl.Spec
	if spec.Text.Hidden >= 0 {
		return int(spec.Text.Hidden), nil
	}
	if spec.UNet.Hidden >= 0 {
		return int(spec.UNet.Hidden), nil
	}
	rows := max(spec.Text.Batch, 1)
	ids, err := newTensor(spec.Text.IDs, rows, SeqLen)
	if err != nil {
		return 0, err
	}
	defer ids.destroy()
	outputs := []ort.Value{nil}
	if err := g.pl.text.run(g.rc, []ort.Value{ids.value}, outputs); err != nil {
		return 0, err
	}
	shape := outputs[0].GetShape()
	_ = outputs[0].Destroy() // tensors always destroy cleanly
	if len(shape) != 3 || shape[2] < 1 {
		return 0, fmt.Errorf("the text encoder returned shape %v, want [batch 77 hidden]", shape)
	}
	return int(shape[2]), nil
}
