#!/usr/bin/python3
"""Rewrite a Stable Diffusion UNet whose `timestep` input is a float32 scalar
(rank 0, as Optimum >= 1.24 exports it) into the older Optimum layout
(1.13 .. 1.23): `timestep` int64 [steps].

Usage: /usr/bin/python3 packaging/timestep-int64.py IN_UNET.onnx OUT_UNET.onnx

Only the graph changes: the new int64 input is cast to float and its first
element taken as the scalar the rest of the graph reads, so for integer
timesteps (every discrete scheduler's) the model computes exactly what the
original does. External weights are not loaded or rewritten: their files
(`model.onnx_data`) are copied beside the output byte for byte. Needs Debian's python3-onnx (packaging/debian-packages.txt).

Kino's tests use the result (engine/onnx/testdata/real/overlays/int64-steps)
to check the older layout against the same PyTorch reference.
"""
import os
import shutil
import sys

import onnx
from onnx import TensorProto, helper


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1:]
    m = onnx.load(src, load_external_data=False)
    g = m.graph
    ts = [i for i in g.input if i.name == "timestep"]
    if len(ts) != 1:
        sys.exit(f"{src}: no input named timestep")
    t = ts[0].type.tensor_type
    if t.elem_type != TensorProto.FLOAT or len(t.shape.dim) != 0:
        sys.exit(f"{src}: timestep is not a float32 scalar")
    inner = "timestep_scalar"
    for n in g.node:
        for k, name in enumerate(n.input):
            if name == "timestep":
                n.input[k] = inner
    zero = helper.make_tensor("timestep_index0", TensorProto.INT64, [], [0])
    g.initializer.append(zero)
    nodes = [
        helper.make_node("Cast", ["timestep"], ["timestep_as_float"], to=TensorProto.FLOAT, name="kino_timestep_cast"),
        helper.make_node("Gather", ["timestep_as_float", "timestep_index0"], [inner], axis=0, name="kino_timestep_first"),
    ]
    old = list(g.node)
    del g.node[:]
    g.node.extend(nodes + old)
    new_in = helper.make_tensor_value_info("timestep", TensorProto.INT64, ["steps"])
    for k, i in enumerate(g.input):
        if i.name == "timestep":
            g.input[k].CopyFrom(new_in)
    onnx.save(m, dst)
    locations = set()
    for init in g.initializer:
        for e in init.external_data:
            if e.key == "location":
                locations.add(e.value)
    for loc in sorted(locations):
        a = os.path.join(os.path.dirname(src), loc)
        b = os.path.join(os.path.dirname(dst), loc)
        if os.path.abspath(a) != os.path.abspath(b):
            shutil.copyfile(a, b)
    onnx.checker.check_model(dst)


if __name__ == "__main__":
    main()
