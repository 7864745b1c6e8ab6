#!/usr/bin/python3
"""Generates the tiny ONNX model packs that engine/onnx tests run on.

Run it from the repository root with Debian's python3-onnx and python3-numpy
(apt-get install python3-onnx python3-numpy):

    packaging/make-tiny-packs.py            # writes engine/onnx/testdata/

The output is committed, so tests never need Python. Every model has exactly
the input and output names and ranks of the real Stable Diffusion exports
(diffusers/Optimum, and OnnxStack's AnimateDiff for the frame-axis UNet), but
is a tiny linear map whose weights follow closed formulas, so a test can
compute the pipeline's result independently:

    text encoder   last_hidden_state[b,t,:] = E[ids[b,t],:] + P[t,:]
                   pooler_output[b,:]        = mean_t last_hidden_state[b,t,:]
    UNet           out = A*sample + (mean_t ehs) @ Wc  (per channel) + KT*timestep
    VAE decoder    sample = ConvTranspose(latent_sample, Wd, Bd, stride 8)
    VAE encoder    latent = Conv(sample, We, Be, stride 8)

with E[v,d] = ((7v+13d) mod 17 - 8)/16, P[t,d] = ((5t+3d) mod 11 - 5)/32,
Wc[d,k] = ((3d+5k) mod 7 - 3)/16, A = 1/4, KT = 1/4096,
Wd[k,c,i,j] = ((5k+7c+3i+j) mod 13 - 6)/256, Bd[c] = (c-1)/8,
We[k,c,i,j] = ((3k+5c+i+7j) mod 11 - 5)/512, Be[k] = (k-1.5)/4.
Every value is exactly representable in float16, so fp16 packs hold the
same weights. fp16 packs cast their inputs to float32 on entry and their
outputs to float16 on exit.

Frame-axis UNets take sample [B,4,F,h,w] and one encoder_hidden_states row
per frame, batch-major ([B*F,77,D], row b*F+f).

"Heavy" UNets add a chain of N x N MatMuls that depends on the input (so
ONNX Runtime cannot fold it away) and contributes exactly zero to the
output: they cost real time per call for benchmarks and cancellation tests
while keeping the closed form.
"""

import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
SEQ = 77
A = 0.25
KT = 1.0 / 4096

F32, F16, I32, I64 = TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.INT32, TensorProto.INT64


# --- tokenizer -------------------------------------------------------------

def bytes_to_unicode():
    """The byte-level BPE symbol of each byte (GPT-2 / CLIP mapping), in
    CLIP's vocabulary order: printable bytes first, then the others."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [(b, chr(c)) for b, c in zip(bs, cs)]


# Merges for a handful of words, in priority order. The words the tests use:
# "a cat on the beach at sunset", "fireworks", "blurry".
MERGES = [
    "t h", "th e</w>", "c a", "ca t</w>", "o n</w>", "a t</w>", "b e", "be a", "bea c", "beac h</w>",
    "s u", "su n", "sun s", "suns e", "sunse t</w>", "f i", "fi r", "fir e", "fire w", "firew o",
    "firewo r", "firewor k", "firework s</w>", "b l", "bl u", "blu r", "blur r", "blurr y</w>",
]


def tokenizer_files():
    sym = [s for _, s in bytes_to_unicode()]
    tokens = sym + [s + "</w>" for s in sym]
    tokens += ["".join(m.split()) for m in MERGES]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    vocab = {}
    for i, t in enumerate(tokens):
        vocab[t] = i
    merges = "#version: 0.2\n" + "\n".join(MERGES) + "\n"
    return vocab, merges


VOCAB, MERGES_TXT = tokenizer_files()
V = max(VOCAB.values()) + 1


# --- weights ---------------------------------------------------------------

def emb_table(v, d):
    i = np.arange(v)[:, None]
    j = np.arange(d)[None, :]
    return (((7 * i + 13 * j) % 17) - 8).astype(np.float32) / 16


def pos_table(d):
    i = np.arange(SEQ)[:, None]
    j = np.arange(d)[None, :]
    return (((5 * i + 3 * j) % 11) - 5).astype(np.float32) / 32


def wc_table(d):
    i = np.arange(d)[:, None]
    k = np.arange(4)[None, :]
    return (((3 * i + 5 * k) % 7) - 3).astype(np.float32) / 16


def wd_table():
    k, c, i, j = np.meshgrid(np.arange(4), np.arange(3), np.arange(8), np.arange(8), indexing="ij")
    return ((((5 * k + 7 * c + 3 * i + j) % 13) - 6).astype(np.float32) / 256), (np.arange(3, dtype=np.float32) - 1) / 8


def we_table(out_ch):
    k, c, i, j = np.meshgrid(np.arange(out_ch), np.arange(3), np.arange(8), np.arange(8), indexing="ij")
    return ((((3 * k + 5 * c + i + 7 * j) % 11) - 5).astype(np.float32) / 512), (np.arange(out_ch, dtype=np.float32) - 1.5) / 4


# --- graph helpers -----------------------------------------------------------

class G:
    """A small graph builder."""

    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, base):
        self.n += 1
        return f"{base}_{self.n}"

    def const(self, base, arr):
        n = self.name(base)
        self.inits.append(numpy_helper.from_array(np.asarray(arr), n))
        return n

    def op(self, op_type, inputs, out=None, **attrs):
        out = out or self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def model(self, name, inputs, outputs, doc):
        graph = helper.make_graph(self.nodes, name, inputs, outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="kino-make-tiny-packs")
        m.ir_version = 8
        m.doc_string = doc
        onnx.checker.check_model(m)
        return m


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def to_f32(g, name, elem):
    return g.op("Cast", [name], to=F32) if elem != F32 else name


def from_f32(g, name, elem, out):
    if elem == F32:
        return g.op("Identity", [name], out)
    return g.op("Cast", [name], out, to=elem)


# --- models ------------------------------------------------------------------

def text_encoder(ids_elem=I64, out_elem=F32, batch="batch", d=8):
    g = G()
    if d <= 16:
        table = g.const("embeddings", emb_table(V, d))
    else:  # keep the file small: a rank-8 table times a constant projection
        small = g.const("embeddings_small", emb_table(V, 8))
        proj = g.op("ConstantOfShape", [g.const("proj_shape", np.array([8, d], np.int64))],
                    value=numpy_helper.from_array(np.array([1.0 / 64], np.float32)))
        table = g.op("MatMul", [small, proj])
    emb = g.op("Gather", [table, "input_ids"], axis=0)
    h = g.op("Add", [emb, g.const("positions", pos_table(d))]) if d <= 16 else emb
    from_f32(g, h, out_elem, "last_hidden_state")
    pooled = g.op("ReduceMean", [h], axes=[1], keepdims=0)
    from_f32(g, pooled, out_elem, "pooler_output")
    return g.model("text_encoder", [vi("input_ids", ids_elem, [batch, SEQ])],
                   [vi("last_hidden_state", out_elem, [batch, SEQ, d]), vi("pooler_output", out_elem, [batch, d])],
                   "tiny CLIP text encoder: E[ids] + P")


def heavy_zero(g, sample, n, depth):
    """A chain of depth n x n MatMuls seeded from sample, times zero: shape []."""
    s = g.op("ReduceMean", [sample], keepdims=0)
    x = g.op("Expand", [s, g.const("heavy_shape", np.array([n, n], np.int64))])
    w = g.op("ConstantOfShape", [g.const("heavy_w_shape", np.array([n, n], np.int64))],
             value=numpy_helper.from_array(np.array([1.0 / n], np.float32)))
    for _ in range(depth):
        x = g.op("MatMul", [x, w])
    r = g.op("ReduceMean", [x], keepdims=0)
    return g.op("Mul", [r, g.const("zero", np.array(0, np.float32))])


def unet(video=False, elem=F32, batch="batch", frames="frames", hw=("height", "width"), t_elem=F32,
         t_shape=(1,), d=8, heavy=None):
    g = G()
    x = to_f32(g, "sample", elem)
    ehs = to_f32(g, "encoder_hidden_states", elem)
    m = g.op("ReduceMean", [ehs], axes=[1], keepdims=0)            # [rows, D]
    c = g.op("MatMul", [m, g.const("wc", wc_table(d))])             # [rows, 4]
    if video:
        shape = g.op("Shape", ["sample"])
        bf = g.op("Gather", [shape, g.const("bf_idx", np.array([0, 2], np.int64))], axis=0)
        c3 = g.op("Reshape", [c, g.op("Concat", [bf, g.const("four", np.array([4], np.int64))], axis=0)])
        ct = g.op("Transpose", [c3], perm=[0, 2, 1])                  # [B,4,F]
        cb = g.op("Unsqueeze", [ct, g.const("axes34", np.array([3, 4], np.int64))])
        tshape = np.array([-1, 1, 1, 1, 1], np.int64)
    else:
        cb = g.op("Unsqueeze", [c, g.const("axes23", np.array([2, 3], np.int64))])
        tshape = np.array([-1, 1, 1, 1], np.int64)
    t = g.op("Cast", ["timestep"], to=F32)
    t = g.op("Mul", [t, g.const("kt", np.array(KT, np.float32))])
    t = g.op("Reshape", [t, g.const("tshape", tshape)])
    ax = g.op("Mul", [x, g.const("a", np.array(A, np.float32))])
    out = g.op("Add", [g.op("Add", [ax, cb]), t])
    if heavy:
        out = g.op("Add", [out, heavy_zero(g, x, *heavy)])
    from_f32(g, out, elem, "out_sample")
    if video:
        sshape = [batch, 4, frames, hw[0], hw[1]]
        rows = batch * frames if isinstance(batch, int) and isinstance(frames, int) else "batch_frames"
    else:
        sshape = [batch, 4, hw[0], hw[1]]
        rows = batch
    return g.model("unet", [vi("sample", elem, sshape), vi("timestep", t_elem, list(t_shape)),
                            vi("encoder_hidden_states", elem, [rows, SEQ, d])],
                   [vi("out_sample", elem, sshape)], "tiny UNet: A*sample + mean(ehs)@Wc + KT*t")


def vae_decoder(elem=F32, batch="batch", hw=("latent_height", "latent_width")):
    g = G()
    wd, bd = wd_table()
    z = to_f32(g, "latent_sample", elem)
    y = g.op("ConvTranspose", [z, g.const("wd", wd), g.const("bd", bd)], kernel_shape=[8, 8], strides=[8, 8])
    from_f32(g, y, elem, "sample")
    out_hw = [h * 8 if isinstance(h, int) else "image_" + h for h in hw]
    return g.model("vae_decoder", [vi("latent_sample", elem, [batch, 4, hw[0], hw[1]])],
                   [vi("sample", elem, [batch, 3, out_hw[0], out_hw[1]])], "tiny VAE decoder: ConvTranspose stride 8")


def vae_encoder(elem=F32, batch="batch", hw=("height", "width"), output="latent_sample"):
    g = G()
    ch = 8 if output == "latent_parameters" else 4
    we, be = we_table(ch)
    x = to_f32(g, "sample", elem)
    y = g.op("Conv", [x, g.const("we", we), g.const("be", be)], kernel_shape=[8, 8], strides=[8, 8])
    from_f32(g, y, elem, output)
    lat_hw = [h // 8 if isinstance(h, int) else "latent_" + h for h in hw]
    return g.model("vae_encoder", [vi("sample", elem, [batch, 3, hw[0], hw[1]])],
                   [vi(output, elem, [batch, ch, lat_hw[0], lat_hw[1]])], "tiny VAE encoder: Conv stride 8")


# --- packs -------------------------------------------------------------------

SCHEDULERS = {
    "euler": {"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "leading", "steps_offset": 1},
    "ddim": {"_class_name": "DDIMScheduler", "timestep_spacing": "leading", "steps_offset": 1,
             "clip_sample": False, "set_alpha_to_one": False},
    "pndm": {"_class_name": "PNDMScheduler", "timestep_spacing": "leading", "steps_offset": 1, "skip_prk_steps": True},
}


def save(model, path, external=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if external:
        # Weights go to model.onnx_data; shape-like int64 constants stay
        # inline, as exporters keep them, since shape inference reads them.
        from onnx.external_data_helper import convert_model_to_external_data
        convert_model_to_external_data(model, all_tensors_to_one_file=True, location="model.onnx_data",
                                       size_threshold=0)
        for t in model.graph.initializer:
            if t.data_type == TensorProto.INT64:
                t.data_location = TensorProto.DEFAULT
                del t.external_data[:]
    onnx.save_model(model, path)


def write_pack(root, name, te, un, dec, enc, scheduler, manifest=None, external_unet=False, video=False):
    d = os.path.join(root, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    index = {
        "_class_name": "AnimateDiffPipeline" if video else "OnnxStableDiffusionPipeline",
        "_diffusers_version": "0.27.0",
        "text_encoder": ["diffusers", "OnnxRuntimeModel"],
        "tokenizer": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "OnnxRuntimeModel"],
        "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "scheduler": ["diffusers", SCHEDULERS[scheduler]["_class_name"]],
    }
    if enc is not None:
        index["vae_encoder"] = ["diffusers", "OnnxRuntimeModel"]
    with open(os.path.join(d, "model_index.json"), "w") as f:
        json.dump(index, f, indent=2)
    save(te, os.path.join(d, "text_encoder", "model.onnx"))
    save(un, os.path.join(d, "unet", "model.onnx"), external=external_unet)
    save(dec, os.path.join(d, "vae_decoder", "model.onnx"))
    if enc is not None:
        save(enc, os.path.join(d, "vae_encoder", "model.onnx"))
    os.makedirs(os.path.join(d, "tokenizer"))
    with open(os.path.join(d, "tokenizer", "vocab.json"), "w") as f:
        json.dump(VOCAB, f, ensure_ascii=False)
    with open(os.path.join(d, "tokenizer", "merges.txt"), "w") as f:
        f.write(MERGES_TXT)
    os.makedirs(os.path.join(d, "scheduler"))
    cfg = {"num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012,
           "beta_schedule": "scaled_linear", "prediction_type": "epsilon"}
    cfg.update(SCHEDULERS[scheduler])
    with open(os.path.join(d, "scheduler", "scheduler_config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    if manifest is not None:
        with open(os.path.join(d, "kino-model.json"), "w") as f:
            json.dump(manifest, f, indent=2)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("engine", "onnx", "testdata")
    packs = os.path.join(out, "packs")
    os.makedirs(packs, exist_ok=True)

    # Image UNet, fp32, dynamic batch and size, float timestep [1], int32 ids
    # (the diffusers conversion script's layout), external UNet weights.
    write_pack(packs, "tiny-sd",
               text_encoder(ids_elem=I32), unet(), vae_decoder(), vae_encoder(), "euler",
               manifest={"name": "Tiny SD", "licence": "CC0-1.0", "steps": 4, "guidance": 7.5,
                         "scheduler": "euler", "resolution": 64, "sha256": "0" * 64},
               external_unet=True)
    # Image UNet, fp32, batch fixed at 1 and 8x8 latents, int64 timestep,
    # Optimum's latent_parameters encoder output; no kino-model.json.
    write_pack(packs, "tiny-sd-b1",
               text_encoder(ids_elem=I64, batch=1), unet(batch=1, hw=(8, 8), t_elem=I64),
               vae_decoder(batch=1, hw=(8, 8)), vae_encoder(batch=1, hw=(64, 64), output="latent_parameters"), "ddim")
    # Image UNet with float16 I/O, batch fixed at 2 (one CFG call), float16
    # timestep [2].
    write_pack(packs, "tiny-sd-fp16",
               text_encoder(ids_elem=I32, out_elem=F16), unet(elem=F16, batch=2, t_elem=F16, t_shape=(2,)),
               vae_decoder(elem=F16), vae_encoder(elem=F16), "pndm",
               manifest={"name": "Tiny SD fp16", "resolution": 64})
    # Frame-axis UNet, fp32, dynamic batch, frames and size, int64 timestep.
    write_pack(packs, "tiny-video",
               text_encoder(), unet(video=True, t_elem=I64), vae_decoder(), vae_encoder(), "euler",
               manifest={"name": "Tiny video", "resolution": 64, "fps": 8, "steps": 3}, video=True)
    # Frame-axis UNet as OnnxStack exports AnimateDiff: float16 I/O, batch 1,
    # 16 frames and 8x8 latents fixed, float timestep [1], ehs [16,77,D].
    write_pack(packs, "tiny-video-fp16",
               text_encoder(ids_elem=I32, batch=1, out_elem=F16),
               unet(video=True, elem=F16, batch=1, frames=16, hw=(8, 8), t_elem=F16),
               vae_decoder(elem=F16, batch=1, hw=(8, 8)), vae_encoder(elem=F16, batch=1, hw=(64, 64)), "ddim",
               manifest={"name": "Tiny video fp16", "fps": 8}, video=True)

    # Heavy packs: real-sized tensors (64x64 latents, hidden 768) and a UNet
    # whose MatMul chain costs tens of milliseconds per call.
    heavy_n = int(os.environ.get("KINO_HEAVY_N", "512"))
    heavy_depth = int(os.environ.get("KINO_HEAVY_DEPTH", "32"))
    write_pack(packs, "bench-video",
               text_encoder(d=768), unet(video=True, d=768, heavy=(heavy_n, heavy_depth)),
               vae_decoder(), None, "euler",
               manifest={"name": "Bench video", "resolution": 512, "fps": 8, "steps": 20}, video=True)
    write_pack(packs, "slow-sd",
               text_encoder(), unet(heavy=(1024, 150)), vae_decoder(), None, "euler",
               manifest={"name": "Slow SD", "resolution": 64, "steps": 2})

    # Models that do not fit, for error tests.
    bad = os.path.join(out, "badmodels")
    os.makedirs(bad, exist_ok=True)
    onnx.save_model(unet_wrong_channels(), os.path.join(bad, "unet-3ch.onnx"))
    onnx.save_model(text_encoder_short(), os.path.join(bad, "text-encoder-64.onnx"))
    print(f"wrote packs to {packs} and bad models to {bad}")


def unet_wrong_channels():
    """An image UNet whose sample has 3 channels instead of 4."""
    g = G()
    g.op("Mul", ["sample", g.const("a", np.array(A, np.float32))], "out_sample")
    g.op("Identity", ["timestep"], "t_out")
    g.op("Identity", ["encoder_hidden_states"], "ehs_out")
    return g.model("unet", [vi("sample", F32, ["batch", 3, "height", "width"]), vi("timestep", F32, [1]),
                            vi("encoder_hidden_states", F32, ["batch", SEQ, 8])],
                   [vi("out_sample", F32, ["batch", 3, "height", "width"]), vi("t_out", F32, [1]),
                    vi("ehs_out", F32, ["batch", SEQ, 8])], "UNet with 3-channel sample")


def text_encoder_short():
    """A text encoder that takes 64 tokens instead of 77."""
    g = G()
    emb = g.op("Gather", [g.const("embeddings", emb_table(V, 8)), "input_ids"], axis=0)
    g.op("Identity", [emb], "last_hidden_state")
    return g.model("text_encoder", [vi("input_ids", I64, ["batch", 64])],
                   [vi("last_hidden_state", F32, ["batch", 64, 8])], "text encoder with 64 tokens")


if __name__ == "__main__":
    main()
