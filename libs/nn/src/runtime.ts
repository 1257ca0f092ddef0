// Runs training-step and forward graphs on onnxruntime-node. Sessions are created once; the state
// (params, AdamW moments, buffers) lives in two pre-allocated buffer sets: step k reads set A and
// writes set B (passed as pre-allocated fetches), then the roles swap, so nothing is reallocated
// or copied per step.
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { atomicWriteFileSync as writeFileAtomic } from '@aframe/io';
import { initState } from './init.ts';
import type { AdamWConfig, ScheduleConfig } from './optim.ts';
import { Rng } from './rng.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import type { NamedTensor } from './safetensors.ts';
import type { Net } from './trainstep.ts';
import { buildForward, buildTrainStep, stateNames } from './trainstep.ts';
import { shapeStr } from './graph.ts';
import type { Conv2dMode } from './ops.ts';

export type ExecutionProvider = 'cpu' | 'cuda' | 'tensorrt';

export interface RuntimeOptions {
  /** intra-op threads (default: ORT's choice) */
  threads?: number;
  /** default 'cpu'; 'cuda'/'tensorrt' need an onnxruntime-node build with those providers */
  executionProvider?: ExecutionProvider;
  /** write an ORT profile (JSON) with this file prefix */
  profilePrefix?: string;
  /**
   * ORT session config entries (keys of onnxruntime_session_options_config_keys.h, e.g.
   * `{ 'session.intra_op.allow_spinning': '0' }`), applied after this package's defaults.
   */
  sessionConfig?: Record<string, string>;
}

export function sessionOptions(o: RuntimeOptions = {}): ort.InferenceSession.SessionOptions {
  const ep = o.executionProvider ?? 'cpu';
  const providers: ort.InferenceSession.ExecutionProviderConfig[] =
    ep === 'cpu' ? ['cpu'] : ep === 'cuda' ? ['cuda', 'cpu'] : ['tensorrt', 'cuda', 'cpu'];
  const opts: ort.InferenceSession.SessionOptions = {
    executionProviders: providers,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  };
  if (o.threads !== undefined) {
    if (!Number.isInteger(o.threads) || o.threads < 1) throw new Error(`runtime: threads must be a positive integer, got ${o.threads}`);
    opts.intraOpNumThreads = o.threads;
  }
  const config = { ...o.sessionConfig };
  if (Object.keys(config).length > 0) opts.extra = config;
  if (o.profilePrefix !== undefined) {
    opts.enableProfiling = true;
    opts.profileFilePrefix = o.profilePrefix;
  }
  return opts;
}

export async function createSession(model: Uint8Array | string, o: RuntimeOptions = {}): Promise<ort.InferenceSession> {
  try {
    return typeof model === 'string'
      ? await ort.InferenceSession.create(model, sessionOptions(o))
      : await ort.InferenceSession.create(model, sessionOptions(o));
  } catch (e) {
    throw new Error(`onnxruntime: cannot create session with execution provider '${o.executionProvider ?? 'cpu'}': ${(e as Error).message}`);
  }
}

export class NanLossError extends Error {
  constructor(readonly step: number, readonly loss: number) {
    super(`training: non-finite loss ${loss} at step ${step}; state kept at the last good step`);
  }
}

export interface TrainerOptions extends RuntimeOptions {
  seed: number;
  /** emit convolutions as 2-D (B, C, 1, L) convolutions in the training graph (default 'auto': narrow ones) */
  conv2d?: Conv2dMode;
  optimizer?: AdamWConfig;
  schedule: ScheduleConfig;
}

interface StateSet {
  tensors: Map<string, ort.Tensor>;
}

export interface StepResult {
  loss: number;
  logits: Float32Array;
}

const CKPT_FORMAT = 'aframe-nn-checkpoint-v1';

export class Trainer {
  /** Data RNG for the caller (saved in checkpoints so a resumed run draws the same batches). */
  readonly rng: Rng;
  private sets: [StateSet, StateSet];
  private cur = 0;
  private _step = 0;
  private readonly batchDims: number[];
  private readonly labelDims: number[];

  private constructor(readonly net: Net, readonly session: ort.InferenceSession, readonly stateSpec: { name: string; shape: number[] }[],
    init: Map<string, Float32Array>, seed: number, readonly options: TrainerOptions) {
    this.rng = new Rng(seed ^ 0x5eed);
    const mk = (fill: boolean): StateSet => {
      const tensors = new Map<string, ort.Tensor>();
      for (const s of stateSpec) {
        const data = new Float32Array(s.shape.reduce((a, d) => a * d, 1));
        if (fill) {
          const v = init.get(s.name);
          if (v) data.set(v);
        }
        tensors.set(s.name, new ort.Tensor('float32', data, s.shape));
      }
      return { tensors };
    };
    this.sets = [mk(true), mk(false)];
    this.batchDims = net.input.shape.slice(1) as number[];
    this.labelDims = net.labels.shape.slice(1) as number[];
  }

  static async create(net: Net, opts: TrainerOptions): Promise<Trainer> {
    const model = buildTrainStep(net, opts.optimizer ?? {}, opts.schedule, opts.conv2d ?? 'auto');
    const session = await createSession(model.bytes, opts);
    const init = initState(net.graph, new Rng(opts.seed));
    return new Trainer(net, session, model.state, init, opts.seed, opts);
  }

  /** Number of optimizer steps taken. */
  get globalStep(): number {
    return this._step;
  }

  /** Current value of a state tensor (param, buffer, or `<param>.exp_avg[_sq]`); a live view. */
  tensor(name: string): Float32Array {
    const t = this.sets[this.cur].tensors.get(name);
    if (!t) throw new Error(`trainer: no state tensor '${name}'`);
    return t.data as Float32Array;
  }

  /** Current params and buffers (copies), by PyTorch name. */
  weights(): Map<string, Float32Array> {
    const m = new Map<string, Float32Array>();
    for (const v of [...this.net.graph.params, ...this.net.graph.buffers]) m.set(v.name, Float32Array.from(this.tensor(v.name)));
    return m;
  }

  /** Overwrites params/buffers by name (shapes must match); moments are left as they are. */
  setWeights(w: Map<string, { data: Float32Array; shape?: number[] }>): void {
    for (const v of [...this.net.graph.params, ...this.net.graph.buffers]) {
      const src = w.get(v.name);
      if (!src) throw new Error(`trainer.setWeights: missing '${v.name}'`);
      if (src.shape && shapeStr(src.shape) !== shapeStr(v.shape)) throw new Error(`trainer.setWeights: '${v.name}' has shape ${shapeStr(src.shape)}, expected ${shapeStr(v.shape)}`);
      const dst = this.tensor(v.name);
      if (dst.length !== src.data.length) throw new Error(`trainer.setWeights: '${v.name}' has ${src.data.length} values, expected ${dst.length}`);
      dst.set(src.data);
    }
  }

  private checkBatch(x: Float32Array, y: Float32Array): number {
    const per = this.batchDims.reduce((a, d) => a * d, 1);
    const perY = this.labelDims.reduce((a, d) => a * d, 1);
    const batch = x.length / per;
    if (!Number.isInteger(batch) || batch < 1) {
      throw new Error(`trainer.step: input has ${x.length} values, not a multiple of one sample (${this.batchDims.join(', ')}) = ${per}`);
    }
    if (y.length !== batch * perY) throw new Error(`trainer.step: labels have ${y.length} values, expected (${batch}, ${this.labelDims.join(', ')})`);
    return batch;
  }

  /** One optimizer step on a batch (x: (B, ...input), y: (B, ...labels), row-major). */
  async step(x: Float32Array, y: Float32Array): Promise<StepResult> {
    const batch = this.checkBatch(x, y);
    const cur = this.sets[this.cur];
    const nxt = this.sets[1 - this.cur];
    const feeds: Record<string, ort.Tensor> = {
      [this.net.input.name]: new ort.Tensor('float32', x, [batch, ...this.batchDims]),
      [this.net.labels.name]: new ort.Tensor('float32', y, [batch, ...this.labelDims]),
      step: new ort.Tensor('float32', new Float32Array([this._step]), []),
    };
    const fetches: Record<string, ort.Tensor | null> = { loss: null, logits: null };
    for (const s of this.stateSpec) {
      feeds[s.name] = cur.tensors.get(s.name)!;
      fetches[stateNames.next(s.name)] = nxt.tensors.get(s.name)!;
    }
    const out = await this.session.run(feeds, fetches);
    const loss = (out.loss.data as Float32Array)[0];
    if (!Number.isFinite(loss)) throw new NanLossError(this._step, loss);
    this.cur = 1 - this.cur;
    this._step += 1;
    return { loss, logits: Float32Array.from(out.logits.data as Float32Array) };
  }

  /** Checkpoint bytes: safetensors with params, buffers, AdamW moments; step, RNG, config in metadata. */
  checkpointBytes(): Uint8Array {
    const tensors: NamedTensor[] = this.stateSpec.map((s) => {
      const data = this.tensor(s.name);
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i])) throw new Error(`checkpoint: state '${s.name}' has a non-finite value at index ${i}; refusing to write`);
      }
      return { name: s.name, shape: s.shape, data };
    });
    return encodeSafetensors(tensors, {
      format: CKPT_FORMAT,
      step: String(this._step),
      rng: JSON.stringify(this.rng.getState()),
      net: JSON.stringify(this.net.config ?? {}),
      schedule: JSON.stringify(this.options.schedule),
      optimizer: JSON.stringify(this.options.optimizer ?? {}),
    });
  }

  /** Writes a checkpoint atomically (temp file + rename). */
  saveCheckpoint(path: string): void {
    writeFileAtomic(path, this.checkpointBytes());
  }

  /** Restores state, step and RNG from a checkpoint written by `saveCheckpoint` for the same network. */
  loadCheckpoint(path: string | Uint8Array): void {
    const f = decodeSafetensors(typeof path === 'string' ? readFileSync(path) : path);
    if (f.metadata.format !== CKPT_FORMAT) throw new Error(`checkpoint: not an ${CKPT_FORMAT} file (format '${f.metadata.format}')`);
    const dst = this.sets[this.cur].tensors;
    for (const s of this.stateSpec) {
      const t = f.tensors.get(s.name);
      if (!t) throw new Error(`checkpoint: missing tensor '${s.name}'`);
      if (shapeStr(t.shape) !== shapeStr(s.shape)) throw new Error(`checkpoint: '${s.name}' has shape ${shapeStr(t.shape)}, network expects ${shapeStr(s.shape)}`);
      (dst.get(s.name)!.data as Float32Array).set(t.data);
    }
    this._step = Number(f.metadata.step);
    this.rng.setState(JSON.parse(f.metadata.rng));
  }

  /** The forward graph alone with the current weights (inference mode), dynamic batch. */
  forwardModel(metadata: Record<string, string> = {}, conv2d: Conv2dMode = true): Uint8Array {
    return buildForward(this.net, { weights: this.weights(), metadata, conv2d });
  }

  /** Writes model.onnx (forward graph, current weights, metadata_props) atomically. */
  exportOnnx(path: string, metadata: Record<string, string> = {}, conv2d: Conv2dMode = true): void {
    writeFileAtomic(path, this.forwardModel(metadata, conv2d));
  }

  /** Writes the params and buffers as float32 safetensors under their PyTorch state_dict names. */
  saveSafetensors(path: string, metadata: Record<string, string> = {}): void {
    const tensors = [...this.net.graph.params, ...this.net.graph.buffers].map((v) => ({ name: v.name, shape: v.shape as number[], data: this.tensor(v.name) }));
    writeFileAtomic(path, encodeSafetensors(tensors, metadata));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Inference session on a forward model (bytes or model.onnx path); input 'input', output 'output'. */
export class Predictor {
  private constructor(readonly session: ort.InferenceSession, readonly sampleDims: number[], readonly outDims: number[]) {}

  static async create(model: Uint8Array | string, sampleDims: number[], outDims: number[], o: RuntimeOptions = {}): Promise<Predictor> {
    return new Predictor(await createSession(model, o), sampleDims, outDims);
  }

  async run(x: Float32Array): Promise<Float32Array> {
    const per = this.sampleDims.reduce((a, d) => a * d, 1);
    const batch = x.length / per;
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`predictor: input has ${x.length} values, not a multiple of one sample (${this.sampleDims.join(', ')})`);
    const out = await this.session.run({ input: new ort.Tensor('float32', x, [batch, ...this.sampleDims]) });
    return out.output.data as Float32Array;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
