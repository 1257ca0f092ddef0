// Typed ops: shape checking at construction, forward emission as ONNX nodes, and the
// reverse-mode rule of each op expressed in standard ONNX ops (opset 17).
import type { Graph, Conv1dOptions, PoolOptions, Value } from './graph.ts';
import { shapeStr } from './graph.ts';
import type { Dim, OnnxBuilder } from './onnx.ts';
import { f } from './onnx.ts';

export type Mode = 'train' | 'infer';
export type Conv2dMode = boolean | 'auto';

/** State shared by the forward and backward emission of one ONNX graph. */
export class EmitCtx {
  /** Intermediates saved by each op's forward for its backward. */
  readonly saved = new Map<Op, Record<string, string>>();
  /** New values of buffers (running statistics) produced in training mode. */
  readonly bufferUpdates = new Map<string, string>();
  private shapes = new Map<string, string>();

  /**
   * Emit convolutions as 2-D (B, C, 1, L) convolutions (see `conv1d`): true, false, or 'auto' =
   * only convolutions with at most 32 input and output channels. Measured on 2 cores: for inference
   * `true` is fastest at widths 16 and 64 (with `nchw4`); in training the choice is within noise.
   */
  constructor(readonly b: OnnxBuilder, readonly mode: Mode, readonly conv2d: Conv2dMode = false) {}

  use2d(cIn: number, cOut: number): boolean {
    return this.conv2d === 'auto' ? cIn <= 32 && cOut <= 32 : this.conv2d;
  }

  /** 4-D names of values kept as (B, C, 1, L) (inference with 2-D convolutions, see `nchw4`). */
  private readonly four = new Map<string, string>();
  /** values that so far exist only in their 4-D form */
  private readonly only4 = new Set<string>();

  /**
   * Inference with every convolution 2-D: convolutions, group norms, ReLUs, adds and max-pools pass
   * (B, C, 1, L) tensors to each other, so ORT's NCHWc layout can flow between convolutions without
   * Squeeze/Unsqueeze pairs; other ops get the 3-D value (`ensure3`).
   */
  get nchw4(): boolean {
    return this.mode === 'infer' && this.conv2d === true;
  }

  is4(name: string): boolean {
    return this.four.has(name);
  }

  /** The (B, C, 1, L) form of a (B, C, L) value. */
  get4(name: string): string {
    let s = this.four.get(name);
    if (!s) {
      s = this.b.op1('Unsqueeze', [name, this.b.constI64([2])]);
      this.four.set(name, s);
    }
    return s;
  }

  /** Records that value `name` was produced as the 4-D tensor `name4`. */
  set4(name: string, name4: string): void {
    this.four.set(name, name4);
    this.only4.add(name);
  }

  /** Makes sure the 3-D value `name` exists (squeezing its 4-D form if needed). */
  ensure3(name: string): void {
    if (!this.only4.delete(name)) return;
    this.b.op1('Squeeze', [this.four.get(name)!, this.b.constI64([2])], {}, name);
  }

  /** Runtime shape (int64 vector) of a named value, emitted once. */
  shapeOf(name: string): string {
    let s = this.shapes.get(name);
    if (!s) {
      s = this.b.op1('Shape', [name]);
      this.shapes.set(name, s);
    }
    return s;
  }

  /** Number of elements of a value as a float scalar. */
  sizeF(name: string): string {
    return this.b.op1('Cast', [this.b.op1('Size', [name])], { to: 1 });
  }
}

type Grad = string | null;

export abstract class Op {
  readonly outputs: Value[] = [];
  /** forward() takes (B, C, 1, L) inputs in `EmitCtx.nchw4` mode (else inputs are made 3-D first) */
  readonly accepts4: boolean = false;
  constructor(readonly kind: string, readonly layer: string, readonly inputs: Value[]) {}
  abstract forward(c: EmitCtx): void;
  /** Given output gradients (null = zero), returns input gradients for the inputs flagged in `need`. */
  abstract backward(c: EmitCtx, gOut: Grad[], need: boolean[]): Grad[];

  protected fail(msg: string): never {
    throw new Error(`${this.kind} '${this.layer}': ${msg}`);
  }
}

function isBatchFirst(shape: readonly Dim[]): boolean {
  return shape[0] === 'batch' || typeof shape[0] === 'number';
}

function pos(name: string, v: number | undefined, def: number, min: number): number {
  const x = v ?? def;
  if (!Number.isInteger(x) || x < min) throw new Error(`${name} must be an integer >= ${min}, got ${x}`);
  return x;
}

/** `Reshape` keeping dimension 0 (the batch) and setting the others. */
function reshapeKeep0(b: OnnxBuilder, x: string, rest: number[]): string {
  return b.op1('Reshape', [x, b.constI64([0, ...rest])]);
}

function reduceSum(b: OnnxBuilder, x: string, axes: number[], keepdims: number): string {
  return b.op1('ReduceSum', [x, b.constI64(axes)], { keepdims });
}

function reduceMean(b: OnnxBuilder, x: string, axes: number[]): string {
  return b.op1('ReduceMean', [x], { axes, keepdims: 1 });
}

// ---------------------------------------------------------------- conv1d

interface ConvAttrs {
  kernel_shape: number[];
  strides: number[];
  pads: number[];
  dilations: number[];
  group: number;
}

/**
 * A 1-D convolution as ONNX Conv, either on (B, C, L) or as a 2-D convolution on (B, C, 1, L):
 * ORT's CPU graph optimiser gives 2-D convolutions its blocked NCHWc kernels, faster for some shapes.
 */
export function conv1d(b: OnnxBuilder, x: string, w: string, bias: string | null, a: ConvAttrs, as2d: boolean, out?: string): string {
  const ins = (xx: string, ww: string) => (bias ? [xx, ww, bias] : [xx, ww]);
  if (!as2d) return b.op1('Conv', ins(x, w), { ...a }, out);
  const ax = b.constI64([2]);
  const x4 = b.op1('Unsqueeze', [x, ax]);
  const w4 = b.op1('Unsqueeze', [w, ax]);
  const y4 = b.op1('Conv', ins(x4, w4), {
    kernel_shape: [1, a.kernel_shape[0]], strides: [1, a.strides[0]], pads: [0, a.pads[0], 0, a.pads[1]],
    dilations: [1, a.dilations[0]], group: a.group,
  });
  return b.op1('Squeeze', [y4, ax], {}, out);
}

export class Conv1dOp extends Op {
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly groups: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly k: number;
  readonly lIn: number;
  readonly lOut: number;

  constructor(g: Graph, layer: string, readonly x: Value, readonly w: Value, readonly bias: Value | null, o: Conv1dOptions) {
    super('conv1d', layer, bias ? [x, w, bias] : [x, w]);
    this.stride = pos(`conv1d '${layer}' stride`, o.stride, 1, 1);
    this.padding = pos(`conv1d '${layer}' padding`, o.padding, 0, 0);
    this.dilation = pos(`conv1d '${layer}' dilation`, o.dilation, 1, 1);
    this.groups = pos(`conv1d '${layer}' groups`, o.groups, 1, 1);
    if (x.shape.length !== 3 || !isBatchFirst(x.shape)) this.fail(`input must be (batch, C, L), got ${shapeStr(x.shape)}`);
    if (w.shape.length !== 3) this.fail(`weight must be (C_out, C_in/groups, K), got ${shapeStr(w.shape)}`);
    const [cOut, cInG, k] = w.shape as number[];
    this.cIn = x.shape[1] as number;
    this.lIn = x.shape[2] as number;
    this.cOut = cOut;
    this.k = k;
    if (this.cIn !== cInG * this.groups || cOut % this.groups !== 0) {
      this.fail(`input ${shapeStr(x.shape)} does not match weight ${shapeStr(w.shape)} with groups=${this.groups}: expected ${cInG * this.groups} input channels`);
    }
    if (bias && (bias.shape.length !== 1 || bias.shape[0] !== cOut)) this.fail(`bias ${shapeStr(bias.shape)} must be (${cOut})`);
    this.lOut = Math.floor((this.lIn + 2 * this.padding - this.dilation * (k - 1) - 1) / this.stride) + 1;
    if (this.lOut < 1) this.fail(`input ${shapeStr(x.shape)} too short for kernel ${k}, dilation ${this.dilation}, padding ${this.padding}`);
    this.outputs.push(g.output(layer, 'out', [x.shape[0], cOut, this.lOut], this.inputs));
  }

  private attrs() {
    return { kernel_shape: [this.k], strides: [this.stride], pads: [this.padding, this.padding], dilations: [this.dilation], group: this.groups };
  }

  override readonly accepts4 = true;

  forward(c: EmitCtx): void {
    const [x, w, bias] = this.inputs.map((v) => v.name);
    if (c.nchw4) {
      const b = c.b;
      const w4 = b.op1('Unsqueeze', [w, b.constI64([2])]);
      const y4 = b.op1('Conv', bias ? [c.get4(x), w4, bias] : [c.get4(x), w4], {
        kernel_shape: [1, this.k], strides: [1, this.stride], pads: [0, this.padding, 0, this.padding],
        dilations: [1, this.dilation], group: this.groups,
      });
      c.set4(this.outputs[0].name, y4);
      return;
    }
    conv1d(c.b, x, w, bias ?? null, this.attrs(), c.use2d(this.cIn, this.cOut), this.outputs[0].name);
  }

  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy) return this.inputs.map(() => null);
    const b = c.b;
    const gx = need[0] ? this.inputGrad(b, gy, c.use2d(this.cIn, this.cOut)) : null;
    let gw: Grad = null;
    if (need[1]) {
      if (this.groups === 1) gw = this.weightGrad(b, this.x.name, gy, this.cIn, this.cOut);
      else {
        const cinG = this.cIn / this.groups;
        const coutG = this.cOut / this.groups;
        const parts: string[] = [];
        for (let gi = 0; gi < this.groups; gi++) {
          const xs = b.op1('Slice', [this.x.name, b.constI64([gi * cinG]), b.constI64([(gi + 1) * cinG]), b.constI64([1])]);
          const gs = b.op1('Slice', [gy, b.constI64([gi * coutG]), b.constI64([(gi + 1) * coutG]), b.constI64([1])]);
          parts.push(this.weightGrad(b, xs, gs, cinG, coutG));
        }
        gw = b.op1('Concat', parts, { axis: 0 });
      }
    }
    const gb = this.bias && need[2] ? reduceSum(b, gy, [0, 2], 0) : null;
    return this.bias ? [gx, gw, gb] : [gx, gw];
  }

  /**
   * dW[co, ci, k] = sum_{b,j} dY[b,co,j] X[b,ci,j*s-p+k*d].
   *
   * When Cout <= Lout (the per-sample partial products are no larger than the columns): im2col in
   * layout (B, Cin·K, Lout) by a grouped 2-D convolution with one-hot kernels (no transposes of
   * activations; ORT runs it multi-threaded in its NCHWc kernels), then one batched MatMul
   * dY_b · col_bᵀ → (B, Cout, Cin·K) and a sum over the batch.
   *
   * Otherwise (wide, short layers): im2col of X in layout (Cin, K, Lout, B) (one Gather from the
   * transposed, padded input) and one Gemm with dY transposed to (Cout, Lout, B).
   */
  private weightGrad(b: OnnxBuilder, x: string, gy: string, cIn: number, cOut: number): string {
    const { k, stride: s, padding: p, dilation: d, lOut } = this;
    if (cOut <= lOut) {
      let col = x;
      if (!(k === 1 && s === 1 && p === 0)) {
        // out[b, ci·K + kk, j] = Xpadded[b, ci, j·s + kk·d]: exact copies (one tap of weight 1)
        const eye = new Float32Array(cIn * k * k);
        for (let ci = 0; ci < cIn; ci++) for (let kk = 0; kk < k; kk++) eye[(ci * k + kk) * k + kk] = 1;
        col = conv1d(b, x, b.constF(eye, [cIn * k, 1, k]), null, { kernel_shape: [k], strides: [s], pads: [p, p], dilations: [d], group: cIn }, true);
      }
      const per = b.op1('MatMul', [gy, b.op1('Transpose', [col], { perm: [0, 2, 1] })]); // (B, Cout, Cin·K)
      return b.op1('Reshape', [reduceSum(b, per, [0], 0), b.constI64([cOut, cIn, k])]);
    }
    const xt = b.op1('Transpose', [x], { perm: [1, 2, 0] }); // (Cin, L, B)
    let col: string;
    if (k === 1 && s === 1 && p === 0) {
      col = b.op1('Reshape', [xt, b.constI64([cIn, -1])]);
    } else {
      const xp = p > 0 ? b.op1('Pad', [xt, b.constI64([0, p, 0, 0, p, 0])]) : xt;
      const idx: number[] = [];
      for (let kk = 0; kk < k; kk++) for (let j = 0; j < lOut; j++) idx.push(j * s + kk * d);
      const g = b.op1('Gather', [xp, b.tensor(idx, [k, lOut], 'int64')], { axis: 1 }); // (Cin, K, Lout, B)
      col = b.op1('Reshape', [g, b.constI64([cIn * k, -1])]);
    }
    const gyt = b.op1('Reshape', [b.op1('Transpose', [gy], { perm: [1, 2, 0] }), b.constI64([cOut, -1])]);
    const gw = b.op1('Gemm', [gyt, col], { transB: 1 }); // (Cout, Cin*K)
    return b.op1('Reshape', [gw, b.constI64([cOut, cIn, k])]);
  }

  /**
   * dX[l] = sum_{j,k: j*s - p + k*d = l} dY[j] W[k]. For groups = 1 this is a correlation of dY with the
   * transposed kernel; stride s > 1 splits output positions into s phases (one Conv with s*Cin output
   * channels, then interleave). Otherwise ConvTranspose.
   */
  private inputGrad(b: OnnxBuilder, gy: string, c2d: boolean): string {
    const { k, stride: s, padding: p, dilation: d, lIn, lOut, cIn, cOut } = this;
    if (this.groups === 1 && s === 1) {
      const pl = (k - 1) * d - p;
      const pr = lIn + p - lOut;
      if (pl >= 0 && pr >= 0) {
        const wt = b.op1('Transpose', [this.w.name], { perm: [1, 0, 2] });
        const wf = k === 1 ? wt : b.op1('Slice', [wt, b.constI64([k - 1]), b.constI64([-k - 1]), b.constI64([2]), b.constI64([-1])]);
        return conv1d(b, gy, wf, null, { kernel_shape: [k], pads: [pl, pr], dilations: [d], strides: [1], group: 1 }, c2d);
      }
    }
    if (this.groups === 1 && s > 1 && lIn % s === 0) {
      // taps[r] = list of (k, offset o) with l = m*s + r reading dY[m + o].
      const taps: { kk: number; o: number }[][] = [];
      let omin = Infinity;
      let omax = -Infinity;
      for (let r = 0; r < s; r++) {
        const list: { kk: number; o: number }[] = [];
        for (let kk = 0; kk < k; kk++) {
          const num = r + p - kk * d;
          if (((num % s) + s) % s === 0) {
            const o = num / s;
            list.push({ kk, o });
            omin = Math.min(omin, o);
            omax = Math.max(omax, o);
          }
        }
        taps.push(list);
      }
      const m = lIn / s;
      const pl = -omin;
      const pr = m + omax - lOut;
      if (Number.isFinite(omin) && pl >= 0 && pr >= 0) {
        const kc = omax - omin + 1;
        const idx: number[] = [];
        for (let r = 0; r < s; r++) {
          const row = new Array<number>(kc).fill(k); // index k = the zero tap
          for (const { kk, o } of taps[r]) row[o - omin] = kk;
          idx.push(...row);
        }
        const wt = b.op1('Transpose', [this.w.name], { perm: [1, 0, 2] }); // (Cin, Cout, K)
        const wz = b.op1('Pad', [wt, b.constI64([0, 0, 0, 0, 0, 1])]); // (Cin, Cout, K+1)
        const wg = b.op1('Gather', [wz, b.tensor(idx, [s, kc], 'int64')], { axis: 2 }); // (Cin, Cout, s, Kc)
        const wc = b.op1('Reshape', [b.op1('Transpose', [wg], { perm: [2, 0, 1, 3] }), b.constI64([s * cIn, cOut, kc])]);
        const conv = conv1d(b, gy, wc, null, { kernel_shape: [kc], pads: [pl, pr], strides: [1], dilations: [1], group: 1 }, c2d); // (B, s*Cin, M)
        const split = reshapeKeep0(b, conv, [s, cIn, m]);
        const inter = b.op1('Transpose', [split], { perm: [0, 2, 3, 1] }); // (B, Cin, M, s)
        return reshapeKeep0(b, inter, [cIn, lIn]);
      }
    }
    const outPad = lIn - (s * (lOut - 1) + (k - 1) * d + 1 - 2 * p);
    return b.op1('ConvTranspose', [gy, this.w.name], {
      kernel_shape: [k], strides: [s], pads: [p, p], dilations: [d], group: this.groups, output_padding: [outPad],
    });
  }
}

// ---------------------------------------------------------------- group norm (ml4gw GroupNorm1D)

export class GroupNormOp extends Op {
  readonly c: number;
  readonly l: number;
  constructor(g: Graph, layer: string, readonly x: Value, readonly w: Value, readonly bias: Value, readonly groups: number, readonly eps: number) {
    super('groupNorm', layer, [x, w, bias]);
    if (x.shape.length !== 3) this.fail(`input must be (batch, C, L), got ${shapeStr(x.shape)}`);
    this.c = x.shape[1] as number;
    this.l = x.shape[2] as number;
    if (!Number.isInteger(groups) || groups < 1 || this.c % groups !== 0) this.fail(`groups=${groups} must divide C=${this.c} (input ${shapeStr(x.shape)})`);
    for (const p of [w, bias]) {
      if (p.shape.length !== 2 || p.shape[0] !== this.c || p.shape[1] !== 1) this.fail(`parameter '${p.name}' ${shapeStr(p.shape)} must be (${this.c}, 1) for input ${shapeStr(x.shape)}`);
    }
    this.outputs.push(g.output(layer, 'out', x.shape, this.inputs));
  }

  /**
   * Normalisation over each (sample, group) by LayerNormalization on (B, G, C/G·L) (one fused
   * kernel that also returns the inverse standard deviation), then the per-channel affine map.
   */
  override readonly accepts4 = true;

  forward(c: EmitCtx): void {
    const b = c.b;
    const n = (this.c / this.groups) * this.l;
    if (c.nchw4) {
      // (B, C, 1, L) in and out; the affine map as an inference BatchNormalization (mean 0, var 1,
      // epsilon 0: exactly x·w + b), which ORT's NCHWc optimiser turns into a blocked kernel
      const x = c.is4(this.x.name) ? c.get4(this.x.name) : this.x.name;
      const xr = b.op1('Reshape', [x, b.constI64([0, this.groups, n])]);
      const ones = b.constF(new Float32Array(n).fill(1), [n]);
      const xhat4 = b.op1('Reshape', [b.op1('LayerNormalization', [xr, ones], { axis: 2, epsilon: f(this.eps) }), b.constI64([0, this.c, 1, this.l])]);
      const cv = b.constI64([this.c]);
      const y4 = b.op1('BatchNormalization', [xhat4, b.op1('Reshape', [this.w.name, cv]), b.op1('Reshape', [this.bias.name, cv]),
        b.constF(new Float32Array(this.c), [this.c]), b.constF(new Float32Array(this.c).fill(1), [this.c])], { epsilon: f(0) });
      c.set4(this.outputs[0].name, y4);
      return;
    }
    const xr = b.op1('Reshape', [this.x.name, b.constI64([0, this.groups, n])]);
    const ones = b.constF(new Float32Array(n).fill(1), [n]);
    const train = c.mode === 'train' && this.inputs.some((v) => v.requiresGrad);
    const [xhatG, , rstd] = b.op('LayerNormalization', [xr, ones], { axis: 2, epsilon: f(this.eps) }, train ? 3 : 1);
    const xhat = reshapeKeep0(b, xhatG, [this.c, this.l]);
    b.op1('Add', [b.op1('Mul', [xhat, this.w.name]), this.bias.name], {}, this.outputs[0].name);
    if (train) c.saved.set(this, { xhat, rstd });
  }

  /**
   * With g = dy·w and means over each group (N elements): dx = rstd·(g − mean(g) − xhat·mean(g·xhat)).
   * Per-channel sums P = Σ_l dy·xhat and Q = Σ_l dy give dw, db and both group means, so dx is
   * dy·A + xhat·B + C with per-(sample, channel) coefficients.
   */
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy) return [null, null, null];
    const b = c.b;
    const { xhat, rstd } = c.saved.get(this)!;
    const p = reduceSum(b, b.op1('Mul', [gy, xhat]), [2], 1); // (B, C, 1)
    const q = reduceSum(b, gy, [2], 1);
    const c1 = b.constI64([this.c, 1]);
    const gw = need[1] ? b.op1('Reshape', [reduceSum(b, p, [0], 0), c1]) : null;
    const gb = need[2] ? b.op1('Reshape', [reduceSum(b, q, [0], 0), c1]) : null;
    let gx: Grad = null;
    if (need[0]) {
      const cg = this.c / this.groups;
      const invN = b.scalarF(1 / (cg * this.l));
      const groupMean = (t: string) => b.op1('Mul', [reduceSum(b, b.op1('Reshape', [b.op1('Mul', [t, this.w.name]), b.constI64([0, this.groups, cg])]), [2], 1), invN]); // (B, G, 1)
      const m1 = groupMean(q);
      const m2 = groupMean(p);
      const perChannel = (t: string) => b.op1('Reshape', [b.op1('Expand', [t, b.constI64([1, this.groups, cg])]), b.constI64([0, this.c, 1])]); // (B, C, 1)
      const r = perChannel(rstd);
      const a = b.op1('Mul', [r, this.w.name]);
      const bc = perChannel(b.op1('Mul', [m2, b.op1('Neg', [rstd])]));
      const cc = perChannel(b.op1('Mul', [m1, b.op1('Neg', [rstd])]));
      gx = b.op1('Add', [b.op1('Add', [b.op1('Mul', [gy, a]), b.op1('Mul', [xhat, bc])]), cc]);
    }
    return [gx, gw, gb];
  }
}

// ---------------------------------------------------------------- batch norm

export class BatchNormOp extends Op {
  readonly c: number;
  readonly training: boolean;
  readonly momentum: number;
  readonly eps: number;
  constructor(g: Graph, layer: string, readonly x: Value, readonly w: Value, readonly bias: Value,
    readonly runningMean: Value, readonly runningVar: Value, o: { training: boolean; momentum?: number; eps?: number }) {
    super('batchNorm', layer, [x, w, bias, runningMean, runningVar]);
    if (x.shape.length !== 3) this.fail(`input must be (batch, C, L), got ${shapeStr(x.shape)}`);
    this.c = x.shape[1] as number;
    for (const p of [w, bias, runningMean, runningVar]) {
      if (p.shape.length !== 1 || p.shape[0] !== this.c) this.fail(`'${p.name}' ${shapeStr(p.shape)} must be (${this.c}) for input ${shapeStr(x.shape)}`);
    }
    this.training = o.training;
    this.momentum = o.momentum ?? 0.1;
    this.eps = o.eps ?? 1e-5;
    this.outputs.push(g.output(layer, 'out', x.shape, this.inputs));
  }

  forward(c: EmitCtx): void {
    const b = c.b;
    const out = this.outputs[0].name;
    if (!this.training || c.mode === 'infer') {
      b.op1('BatchNormalization', [this.x.name, this.w.name, this.bias.name, this.runningMean.name, this.runningVar.name], { epsilon: f(this.eps) }, out);
      return;
    }
    const c1 = b.constI64([this.c, 1]);
    const mean = reduceMean(b, this.x.name, [0, 2]); // (1, C, 1)
    const xc = b.op1('Sub', [this.x.name, mean]);
    const variance = reduceMean(b, b.op1('Mul', [xc, xc]), [0, 2]);
    const rstd = b.op1('Reciprocal', [b.op1('Sqrt', [b.op1('Add', [variance, b.scalarF(this.eps)])])]);
    const xhat = b.op1('Mul', [xc, rstd]);
    b.op1('Add', [b.op1('Mul', [xhat, b.op1('Reshape', [this.w.name, c1])]), b.op1('Reshape', [this.bias.name, c1])], {}, out);
    c.saved.set(this, { xhat, rstd });
    // running stats (PyTorch: unbiased variance in the running estimate)
    const n = b.op1('Div', [c.sizeF(this.x.name), b.scalarF(this.c)]);
    const unbiased = b.op1('Mul', [variance, b.op1('Div', [n, b.op1('Sub', [n, b.scalarF(1)])])]);
    const mom = b.scalarF(this.momentum);
    const keep = b.scalarF(1 - this.momentum);
    const upd = (old: string, cur: string) => b.op1('Add', [b.op1('Mul', [old, keep]), b.op1('Mul', [b.op1('Reshape', [cur, b.constI64([this.c])]), mom])]);
    c.bufferUpdates.set(this.runningMean.name, upd(this.runningMean.name, mean));
    c.bufferUpdates.set(this.runningVar.name, upd(this.runningVar.name, unbiased));
  }

  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy) return [null, null, null, null, null];
    const b = c.b;
    const c1 = b.constI64([this.c, 1]);
    const cOnly = b.constI64([this.c]);
    if (!this.training) {
      // eval mode: y = x * w / sqrt(rv + eps) + const
      const scale = b.op1('Div', [this.w.name, b.op1('Sqrt', [b.op1('Add', [this.runningVar.name, b.scalarF(this.eps)])])]);
      const gx = need[0] ? b.op1('Mul', [gy, b.op1('Reshape', [scale, c1])]) : null;
      const xhat = b.op1('Div', [b.op1('Sub', [this.x.name, b.op1('Reshape', [this.runningMean.name, c1])]),
        b.op1('Reshape', [b.op1('Sqrt', [b.op1('Add', [this.runningVar.name, b.scalarF(this.eps)])]), c1])]);
      const gw = need[1] ? reduceSum(b, b.op1('Mul', [gy, xhat]), [0, 2], 0) : null;
      const gb = need[2] ? reduceSum(b, gy, [0, 2], 0) : null;
      return [gx, gw, gb, null, null];
    }
    const { xhat, rstd } = c.saved.get(this)!;
    const gw = need[1] ? b.op1('Reshape', [reduceSum(b, b.op1('Mul', [gy, xhat]), [0, 2], 0), cOnly]) : null;
    const gb = need[2] ? reduceSum(b, gy, [0, 2], 0) : null;
    let gx: Grad = null;
    if (need[0]) {
      const g = b.op1('Mul', [gy, b.op1('Reshape', [this.w.name, c1])]);
      const m1 = reduceMean(b, g, [0, 2]);
      const m2 = reduceMean(b, b.op1('Mul', [g, xhat]), [0, 2]);
      gx = b.op1('Mul', [b.op1('Sub', [b.op1('Sub', [g, m1]), b.op1('Mul', [xhat, m2])]), rstd]);
    }
    return [gx, gw, gb, null, null];
  }
}

// ---------------------------------------------------------------- elementwise

export class ReluOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value) {
    super('relu', layer, [x]);
    this.outputs.push(g.output(layer, 'out', x.shape, this.inputs));
  }
  override readonly accepts4 = true;
  forward(c: EmitCtx): void {
    if (c.nchw4 && c.is4(this.x.name)) c.set4(this.outputs[0].name, c.b.op1('Relu', [c.get4(this.x.name)]));
    else {
      c.ensure3(this.x.name);
      c.b.op1('Relu', [this.x.name], {}, this.outputs[0].name);
    }
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    const b = c.b;
    const mask = b.op1('Cast', [b.op1('Greater', [this.outputs[0].name, b.scalarF(0)])], { to: 1 });
    return [b.op1('Mul', [gy, mask])];
  }
}

export class SigmoidOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value) {
    super('sigmoid', layer, [x]);
    this.outputs.push(g.output(layer, 'out', x.shape, this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op1('Sigmoid', [this.x.name], {}, this.outputs[0].name);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    const b = c.b;
    const y = this.outputs[0].name;
    return [b.op1('Mul', [gy, b.op1('Mul', [y, b.op1('Sub', [b.scalarF(1), y])])])];
  }
}

export class AddOp extends Op {
  constructor(g: Graph, layer: string, readonly a: Value, readonly bv: Value) {
    super('add', layer, [a, bv]);
    if (shapeStr(a.shape) !== shapeStr(bv.shape)) this.fail(`operand shapes differ: ${shapeStr(a.shape)} vs ${shapeStr(bv.shape)}`);
    this.outputs.push(g.output(layer, 'out', a.shape, this.inputs));
  }
  override readonly accepts4 = true;
  forward(c: EmitCtx): void {
    const [a, bv] = [this.a.name, this.bv.name];
    if (c.nchw4 && (c.is4(a) || c.is4(bv))) c.set4(this.outputs[0].name, c.b.op1('Add', [c.get4(a), c.get4(bv)]));
    else {
      c.ensure3(a);
      c.ensure3(bv);
      c.b.op1('Add', [a, bv], {}, this.outputs[0].name);
    }
  }
  backward(_c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    return [need[0] ? gy : null, need[1] ? gy : null];
  }
}

// ---------------------------------------------------------------- pooling

function poolOut(op: Op, x: Value, o: PoolOptions): { k: number; s: number; p: number; lOut: number } {
  const k = pos(`${op.kind} '${op.layer}' kernel`, o.kernel, 1, 1);
  const s = pos(`${op.kind} '${op.layer}' stride`, o.stride, k, 1);
  const p = pos(`${op.kind} '${op.layer}' padding`, o.padding, 0, 0);
  if (x.shape.length !== 3) throw new Error(`${op.kind} '${op.layer}': input must be (batch, C, L), got ${shapeStr(x.shape)}`);
  if (2 * p > k) throw new Error(`${op.kind} '${op.layer}': padding ${p} must be at most half the kernel ${k}`);
  const l = x.shape[2] as number;
  const lOut = Math.floor((l + 2 * p - k) / s) + 1;
  if (lOut < 1) throw new Error(`${op.kind} '${op.layer}': input ${shapeStr(x.shape)} too short for kernel ${k}`);
  return { k, s, p, lOut };
}

export class MaxPool1dOp extends Op {
  readonly k: number;
  readonly s: number;
  readonly p: number;
  constructor(g: Graph, layer: string, readonly x: Value, o: PoolOptions) {
    super('maxPool1d', layer, [x]);
    const r = poolOut(this, x, o);
    this.k = r.k;
    this.s = r.s;
    this.p = r.p;
    this.outputs.push(g.output(layer, 'out', [x.shape[0], x.shape[1], r.lOut], this.inputs));
  }
  override readonly accepts4 = true;
  forward(c: EmitCtx): void {
    if (c.nchw4 && c.is4(this.x.name)) {
      const y4 = c.b.op1('MaxPool', [c.get4(this.x.name)], { kernel_shape: [1, this.k], strides: [1, this.s], pads: [0, this.p, 0, this.p] });
      c.set4(this.outputs[0].name, y4);
      return;
    }
    c.ensure3(this.x.name);
    const attrs = { kernel_shape: [this.k], strides: [this.s], pads: [this.p, this.p] };
    if (c.mode === 'infer' || !this.x.requiresGrad) {
      c.b.op('MaxPool', [this.x.name], attrs, 1, [this.outputs[0].name]);
      return;
    }
    const idx = c.b.fresh(`${this.layer}.argmax`);
    c.b.op('MaxPool', [this.x.name], attrs, 2, [this.outputs[0].name, idx]);
    c.saved.set(this, { idx });
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    const b = c.b;
    // Indices are flat positions in the whole input; scatter-add gradients there (windows overlap).
    const shape = c.shapeOf(this.x.name);
    const flat = b.constI64([-1]);
    const zeros = b.op1('Reshape', [b.op1('Expand', [b.scalarF(0), shape]), flat]);
    const idx = b.op1('Reshape', [c.saved.get(this)!.idx, flat]);
    const scat = b.op1('ScatterElements', [zeros, idx, b.op1('Reshape', [gy, flat])], { axis: 0, reduction: 'add' });
    return [b.op1('Reshape', [scat, shape])];
  }
}

/** Average pooling with PyTorch's default count_include_pad=True. */
export class AvgPool1dOp extends Op {
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly lOut: number;
  constructor(g: Graph, layer: string, readonly x: Value, o: PoolOptions) {
    super('avgPool1d', layer, [x]);
    const r = poolOut(this, x, o);
    this.k = r.k;
    this.s = r.s;
    this.p = r.p;
    this.lOut = r.lOut;
    this.outputs.push(g.output(layer, 'out', [x.shape[0], x.shape[1], r.lOut], this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op1('AveragePool', [this.x.name], { kernel_shape: [this.k], strides: [this.s], pads: [this.p, this.p], count_include_pad: 1 }, this.outputs[0].name);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    const b = c.b;
    const ch = this.x.shape[1] as number;
    const l = this.x.shape[2] as number;
    const g1 = b.op1('Reshape', [gy, b.constI64([-1, 1, this.lOut])]);
    const kern = b.constF(new Array(this.k).fill(1 / this.k), [1, 1, this.k]);
    const outPad = l - (this.s * (this.lOut - 1) + this.k - 2 * this.p);
    const gx = b.op1('ConvTranspose', [g1, kern], { kernel_shape: [this.k], strides: [this.s], pads: [this.p, this.p], output_padding: [outPad] });
    return [b.op1('Reshape', [gx, b.constI64([-1, ch, l])])];
  }
}

export class GlobalAvgPoolOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value) {
    super('globalAvgPool', layer, [x]);
    if (x.shape.length !== 3) this.fail(`input must be (batch, C, L), got ${shapeStr(x.shape)}`);
    this.outputs.push(g.output(layer, 'out', [x.shape[0], x.shape[1], 1], this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op('ReduceMean', [this.x.name], { axes: [2], keepdims: 1 }, 1, [this.outputs[0].name]);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    const b = c.b;
    const scaled = b.op1('Mul', [gy, b.scalarF(1 / (this.x.shape[2] as number))]);
    return [b.op1('Expand', [scaled, c.shapeOf(this.x.name)])];
  }
}

// ---------------------------------------------------------------- dense / shape

export class LinearOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value, readonly w: Value, readonly bias: Value | null) {
    super('linear', layer, bias ? [x, w, bias] : [x, w]);
    if (x.shape.length !== 2) this.fail(`input must be (batch, features), got ${shapeStr(x.shape)}`);
    if (w.shape.length !== 2 || w.shape[1] !== x.shape[1]) this.fail(`weight ${shapeStr(w.shape)} does not match input ${shapeStr(x.shape)}: expected (out, ${x.shape[1]})`);
    if (bias && (bias.shape.length !== 1 || bias.shape[0] !== w.shape[0])) this.fail(`bias ${shapeStr(bias.shape)} must be (${w.shape[0]})`);
    this.outputs.push(g.output(layer, 'out', [x.shape[0], w.shape[0]], this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op1('Gemm', this.inputs.map((v) => v.name), { transB: 1 }, this.outputs[0].name);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy) return this.inputs.map(() => null);
    const b = c.b;
    const gx = need[0] ? b.op1('MatMul', [gy, this.w.name]) : null;
    const gw = need[1] ? b.op1('Gemm', [gy, this.x.name], { transA: 1 }) : null;
    const gb = this.bias && need[2] ? reduceSum(b, gy, [0], 0) : null;
    return this.bias ? [gx, gw, gb] : [gx, gw];
  }
}

export class FlattenOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value) {
    super('flatten', layer, [x]);
    const rest = (x.shape.slice(1) as number[]).reduce((a, d) => a * d, 1);
    this.outputs.push(g.output(layer, 'out', [x.shape[0], rest], this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op1('Flatten', [this.x.name], { axis: 1 }, this.outputs[0].name);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    return [reshapeKeep0(c.b, gy, this.x.shape.slice(1) as number[])];
  }
}

export class ReshapeOp extends Op {
  constructor(g: Graph, layer: string, readonly x: Value, readonly shape: number[]) {
    super('reshape', layer, [x]);
    const nIn = (x.shape.slice(1) as number[]).reduce((a, d) => a * d, 1);
    const nOut = shape.reduce((a, d) => a * d, 1);
    if (nIn !== nOut || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      this.fail(`cannot reshape ${shapeStr(x.shape)} to (batch, ${shape.join(', ')})`);
    }
    this.outputs.push(g.output(layer, 'out', [x.shape[0], ...shape], this.inputs));
  }
  forward(c: EmitCtx): void {
    c.b.op1('Reshape', [this.x.name, c.b.constI64([0, ...this.shape])], {}, this.outputs[0].name);
  }
  backward(c: EmitCtx, [gy]: Grad[], need: boolean[]): Grad[] {
    if (!gy || !need[0]) return [null];
    return [reshapeKeep0(c.b, gy, this.x.shape.slice(1) as number[])];
  }
}

// ---------------------------------------------------------------- loss

/** mean(max(z,0) - z*y + log(1 + exp(-|z|))), PyTorch's numerically stable form. */
export class BceWithLogitsOp extends Op {
  constructor(g: Graph, layer: string, readonly z: Value, readonly y: Value) {
    super('bceWithLogits', layer, [z, y]);
    if (shapeStr(z.shape) !== shapeStr(y.shape)) this.fail(`logits ${shapeStr(z.shape)} and labels ${shapeStr(y.shape)} differ`);
    this.outputs.push(g.output(layer, 'out', [], this.inputs));
  }
  forward(c: EmitCtx): void {
    const b = c.b;
    const z = this.z.name;
    const sp = b.op1('Softplus', [b.op1('Neg', [b.op1('Abs', [z])])]);
    const el = b.op1('Add', [b.op1('Sub', [b.op1('Relu', [z]), b.op1('Mul', [z, this.y.name])]), sp]);
    b.op('ReduceMean', [el], { keepdims: 0 }, 1, [this.outputs[0].name]);
  }
  backward(c: EmitCtx, [gl]: Grad[], need: boolean[]): Grad[] {
    if (!gl) return [null, null];
    const b = c.b;
    const z = this.z.name;
    const scale = b.op1('Div', [gl, c.sizeF(z)]);
    const gz = need[0] ? b.op1('Mul', [b.op1('Sub', [b.op1('Sigmoid', [z]), this.y.name]), scale]) : null;
    const gy = need[1] ? b.op1('Mul', [b.op1('Neg', [z]), scale]) : null;
    return [gz, gy];
  }
}
