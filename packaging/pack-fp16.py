#!/usr/bin/python3
"""Convert a diffusers/Optimum ONNX Stable Diffusion pack to float16.

Usage: /usr/bin/python3 packaging/pack-fp16.py IN_PACK OUT_PACK

Every model's float32 weights (initializers, external ones included) are
stored as float16, and its float32 inputs and outputs become float16, as in
Optimum's `--fp16` exports and the OnnxStack/Amuse packs: the pack is half
the size and Kino drives it through its float16 path (inputs written and
outputs read as binary16). Two things stay float32:

- the arithmetic inside each graph: every float16 weight and input is cast
  to float32 where it enters the graph and every output cast back to
  float16 where it leaves, because ONNX Runtime's CPU provider has float16
  kernels for few operators (a graph computing in float16 throughout does
  not load on the CPU). On a GPU a real fp16 export also computes in
  float16, which rounds more than this pack does;
- the UNet's `timestep` input, a rank-0 value that the ONNX Runtime Go
  binding can only create as float32, int32 or int64.

Other files (tokenizer, configs, model_index.json) are copied unchanged.
Needs Debian's python3-onnx and python3-numpy.
"""
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MODELS = ["text_encoder", "unet", "vae_decoder", "vae_encoder"]
KEEP_FLOAT32_INPUTS = {"timestep"}


def convert(model):
    g = model.graph
    front, back = [], []
    renamed = set()

    # Weights: stored as float16, cast back to float32 where they are used.
    for init in list(g.initializer):
        if init.data_type != TensorProto.FLOAT:
            continue
        arr = numpy_helper.to_array(init)
        half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
        g.initializer.remove(init)
        g.initializer.append(half)
        front.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                      name="kino_fp16_w_" + init.name))

    # Inputs: float16 outside, float32 inside.
    for inp in g.input:
        t = inp.type.tensor_type
        if t.elem_type != TensorProto.FLOAT or inp.name in KEEP_FLOAT32_INPUTS:
            continue
        inner = inp.name + "_f32"
        for n in g.node:
            for k, name in enumerate(n.input):
                if name == inp.name:
                    n.input[k] = inner
        front.append(helper.make_node("Cast", [inp.name], [inner], to=TensorProto.FLOAT,
                                      name="kino_fp16_in_" + inp.name))
        t.elem_type = TensorProto.FLOAT16

    # Outputs: computed in float32, handed out as float16.
    for out in g.output:
        t = out.type.tensor_type
        if t.elem_type != TensorProto.FLOAT:
            continue
        inner = out.name + "_f32"
        for n in g.node:
            for k, name in enumerate(n.output):
                if name == out.name:
                    n.output[k] = inner
            for k, name in enumerate(n.input):
                if name == out.name:
                    n.input[k] = inner
        back.append(helper.make_node("Cast", [inner], [out.name], to=TensorProto.FLOAT16,
                                     name="kino_fp16_out_" + out.name))
        t.elem_type = TensorProto.FLOAT16
        renamed.add(out.name)

    for vi in list(g.value_info):
        if vi.name in renamed:
            g.value_info.remove(vi)
    nodes = front + list(g.node) + back
    del g.node[:]
    g.node.extend(nodes)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1:]
    if os.path.exists(dst):
        sys.exit(f"{dst} exists; remove it first")
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.onnx", "*.onnx_data", "kino-model.json"))
    for part in MODELS:
        path = os.path.join(src, part, "model.onnx")
        if not os.path.exists(path):
            continue
        external = os.path.exists(os.path.join(src, part, "model.onnx_data"))
        model = onnx.load(path)  # loads external weights too
        convert(model)
        out = os.path.join(dst, part, "model.onnx")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if external:
            onnx.save_model(model, out, save_as_external_data=True, all_tensors_to_one_file=True,
                            location="model.onnx_data", size_threshold=1024)
        else:
            onnx.save_model(model, out)
        onnx.checker.check_model(out)
        print(f"{part}: {os.path.getsize(path)} -> {os.path.getsize(out)} bytes (+ external weights)" if external
              else f"{part}: {os.path.getsize(path)} -> {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
