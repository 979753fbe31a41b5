#!/usr/bin/env python3
"""Writes a tiny random-weight llama-architecture GGUF model for protocol tests.

    python3 scripts/tiny-model.py OUT.gguf

A few hundred KB, loads in llama-server in a blink, and answers nonsense: good for testing the
protocol (streaming, structured output, errors), never for judging understanding.

The vocabulary is one character per token: printable ASCII, tab, newline and SentencePiece's
space mark, so a JSON-schema grammar can spell any JSON with it. Any other input (Chinese in a
prompt) needs the 256 byte tokens, or llama.cpp's tokenizer fails ("unordered_map::at"); but a
byte token on output can be half a UTF-8 character, which llama-server cannot send. So the
weights make byte tokens unpickable: every embedding carries a large constant in dimension 0,
which survives the final RMS norm, and the byte tokens' output rows weigh it at -10 (logit about
-80) while every other row ignores it.
Needs the `gguf` and `numpy` packages (scripts/llama-server installs them in its cache).
"""
import sys

import numpy as np
import gguf

N_EMBD, N_HEAD, N_LAYER, N_FF, N_CTX = 64, 4, 2, 128, 8192


def main(path: str) -> None:
    rng = np.random.default_rng(1234)
    specials = ["<unk>", "<s>", "</s>"]
    byte_tokens = [f"<0x{b:02X}>" for b in range(256)]
    chars = ["\t", "\n", "\u2581"] + [chr(c) for c in range(0x21, 0x7F)]
    tokens = specials + byte_tokens + chars
    types = ([gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
             + [gguf.TokenType.BYTE] * len(byte_tokens) + [gguf.TokenType.NORMAL] * len(chars))
    n_vocab = len(tokens)
    never = list(range(0, 2)) + list(range(3, 3 + len(byte_tokens)))  # <unk>, <s>, bytes

    w = gguf.GGUFWriter(path, "llama")
    w.add_name("sculpt-tiny-random")
    w.add_context_length(N_CTX)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYER)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD)
    w.add_rope_dimension_count(N_EMBD // N_HEAD)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores([0.0] * (3 + len(byte_tokens)) + [-float(i) for i in range(len(chars))])
    w.add_token_types(types)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_unk_token_id(0)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    w.add_add_space_prefix(False)
    w.add_chat_template(
        "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")

    def t(name: str, *shape: int, scale: float = 0.02) -> None:
        w.add_tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    def ones(name: str, n: int) -> None:
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    embd = (rng.standard_normal((n_vocab, N_EMBD)) * 0.02).astype(np.float32)
    embd[:, 0] = 4.0
    w.add_tensor("token_embd.weight", embd)
    ones("output_norm.weight", N_EMBD)
    out = rng.standard_normal((n_vocab, N_EMBD)).astype(np.float32)
    out[:, 0] = 0.0
    out[never, 0] = -10.0
    w.add_tensor("output.weight", out)
    for i in range(N_LAYER):
        ones(f"blk.{i}.attn_norm.weight", N_EMBD)
        for p in ("q", "k", "v", "output"):
            t(f"blk.{i}.attn_{p}.weight", N_EMBD, N_EMBD)
        ones(f"blk.{i}.ffn_norm.weight", N_EMBD)
        t(f"blk.{i}.ffn_gate.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_up.weight", N_FF, N_EMBD)
        t(f"blk.{i}.ffn_down.weight", N_EMBD, N_FF)

    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {path} ({n_vocab} tokens, {N_LAYER} layers, {N_EMBD} wide)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tiny-llama.gguf")
