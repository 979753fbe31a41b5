#!/usr/bin/env python3
"""Writes a tiny random-weight llama-architecture GGUF model for protocol tests.

    python3 scripts/tiny-model.py OUT.gguf

A few hundred KB, loads in llama-server in a blink, and answers nonsense: good for testing the
protocol (streaming, structured output, errors), never for judging understanding. The vocabulary
is printable ASCII plus tab and newline, one character per token, so every token is valid UTF-8
(llama-server fails on invalid UTF-8) and a JSON-schema grammar can spell any JSON with it.
Needs the `gguf` and `numpy` packages (scripts/llama-server installs them in its cache).
"""
import sys

import numpy as np
import gguf

N_EMBD, N_HEAD, N_LAYER, N_FF, N_CTX = 64, 4, 2, 128, 8192


def main(path: str) -> None:
    rng = np.random.default_rng(1234)
    specials = ["<unk>", "<s>", "</s>"]
    chars = ["\t", "\n"] + [chr(c) for c in range(0x20, 0x7F)]
    tokens = specials + chars
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL] + [gguf.TokenType.NORMAL] * len(chars)
    n_vocab = len(tokens)

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
    w.add_token_scores([0.0] * 3 + [-float(i) for i in range(len(chars))])
    w.add_token_types(types)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_unk_token_id(0)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    w.add_chat_template(
        "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
        "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")

    def t(name: str, *shape: int, scale: float = 0.02) -> None:
        w.add_tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    def ones(name: str, n: int) -> None:
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    t("token_embd.weight", n_vocab, N_EMBD)
    ones("output_norm.weight", N_EMBD)
    t("output.weight", n_vocab, N_EMBD)
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
