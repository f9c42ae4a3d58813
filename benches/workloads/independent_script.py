# Independent scripting: each thread runs a small DSP-like loop on its own lists, sharing nothing
# Scenario: the audio engine that embeds Python to script per-track effects, each track on its own thread.
# Every iteration filters one 64-sample block (a biquad low-pass with per-thread state), applies gain and a
# soft clip, and mixes it into an accumulator. Only code and float constants are shared, so this should
# scale under every GIL-free design; the GIL serializes it.
# iters: 6000
BLOCK = 64


def make_block(seed, block):
    out = [0.0] * block
    for i in range(block):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out[i] = (seed % 2001 - 1000) / 1000.0
    return seed, out


def biquad(samples, state, b0, b1, b2, a1, a2):
    x1, x2, y1, y2 = state
    out = []
    for x in samples:
        y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2 = x1
        x1 = x
        y2 = y1
        y1 = y
        out.append(y)
    state[0] = x1
    state[1] = x2
    state[2] = y1
    state[3] = y2
    return out


def process(samples, gain):
    out = []
    for s in samples:
        v = s * gain
        if v > 1.0:
            v = 1.0
        elif v < -1.0:
            v = -1.0
        else:
            v = v - v * v * v / 3.0
        out.append(v)
    return out


def work(tid, n):
    seed = 1 + tid
    state = [0.0, 0.0, 0.0, 0.0]
    mix = [0.0] * BLOCK
    energy = 0.0
    for i in range(n):
        seed, block = make_block(seed, BLOCK)
        filtered = biquad(block, state, 0.0675, 0.135, 0.0675, -1.143, 0.4128)
        shaped = process(filtered, 1.5)
        for j in range(BLOCK):
            mix[j] = mix[j] * 0.5 + shaped[j]
            energy += shaped[j] * shaped[j]
    return int(energy * 1000) % 1000003
