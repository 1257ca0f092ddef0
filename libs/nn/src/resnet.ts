// ml4gw's ResNet1D with BasicBlocks and GroupNorm1D (aframe-reference §5.6, §10.11), with the
// PyTorch state_dict names so weights move between this and the original unchanged.
import { Graph } from './graph.ts';
import type { Value } from './graph.ts';
import type { Net } from './trainstep.ts';

export interface ResNet1DConfig {
  /** input channels (interferometers), default 2 */
  inChannels?: number;
  /** input length in samples, default 3072 */
  length?: number;
  /** blocks per layer, default [3, 4, 6, 3] */
  layers?: number[];
  /** base width: stem and first layer width; layer i has width * 2^i (default 64) */
  width?: number;
  /** residual conv kernel size, odd, default 3 */
  kernelSize?: number;
  /** GroupNorm1D groups: min(C, normGroups), default 16 */
  normGroups?: number;
  /** outputs, default 1 */
  classes?: number;
  /** zero the last norm weight in each block, default false */
  zeroInitResidual?: boolean;
}

export type ResolvedResNet1DConfig = Required<ResNet1DConfig>;

export function resolveResNet1DConfig(cfg: ResNet1DConfig = {}): ResolvedResNet1DConfig {
  const r: ResolvedResNet1DConfig = {
    inChannels: cfg.inChannels ?? 2,
    length: cfg.length ?? 3072,
    layers: cfg.layers ?? [3, 4, 6, 3],
    width: cfg.width ?? 64,
    kernelSize: cfg.kernelSize ?? 3,
    normGroups: cfg.normGroups ?? 16,
    classes: cfg.classes ?? 1,
    zeroInitResidual: cfg.zeroInitResidual ?? false,
  };
  const posInt = (n: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`resnet1d: ${n} must be a positive integer, got ${v}`);
  };
  posInt('inChannels', r.inChannels);
  posInt('length', r.length);
  posInt('width', r.width);
  posInt('normGroups', r.normGroups);
  posInt('classes', r.classes);
  if (r.layers.length < 1) throw new Error('resnet1d: layers must have at least one entry');
  r.layers.forEach((n, i) => posInt(`layers[${i}]`, n));
  if (!Number.isInteger(r.kernelSize) || r.kernelSize % 2 !== 1) throw new Error(`resnet1d: kernelSize must be odd, got ${r.kernelSize}`);
  return r;
}

/** Builds the network and its BCE-with-logits loss. Input 'input' (batch, C, L); labels (batch, classes). */
export function resnet1d(config: ResNet1DConfig = {}): Net {
  const cfg = resolveResNet1DConfig(config);
  const g = new Graph();
  const x = g.input('input', ['batch', cfg.inChannels, cfg.length]);
  const labels = g.input('labels', ['batch', cfg.classes]);
  const kaiming = { kind: 'kaimingNormalFanOut' } as const;
  const one = { kind: 'constant', value: 1 } as const;
  const zero = { kind: 'constant', value: 0 } as const;

  const norm = (prefix: string, h: Value, c: number, weightInit: typeof one | typeof zero = one) => {
    const w = g.param(`${prefix}.weight`, [c, 1], weightInit);
    const b = g.param(`${prefix}.bias`, [c, 1], zero);
    return g.groupNorm(prefix, h, w, b, Math.min(c, cfg.normGroups));
  };
  const conv = (prefix: string, h: Value, cin: number, cout: number, k: number, stride: number, padding: number) => {
    const w = g.param(`${prefix}.weight`, [cout, cin, k], kaiming);
    return g.conv1d(prefix, h, w, null, { stride, padding });
  };

  let c = cfg.width;
  let h = conv('conv1', x, cfg.inChannels, c, 7, 2, 3);
  h = norm('bn1', h, c);
  h = g.relu('relu', h);
  h = g.maxPool1d('maxpool', h, { kernel: 3, stride: 2, padding: 1 });
  const pad = Math.floor(cfg.kernelSize / 2);
  cfg.layers.forEach((blocks, i) => {
    const planes = cfg.width * 2 ** i;
    for (let j = 0; j < blocks; j++) {
      const p = `residual_layers.${i}.${j}`;
      const stride = i > 0 && j === 0 ? 2 : 1;
      const identityIn = h;
      let out = conv(`${p}.conv1`, h, c, planes, cfg.kernelSize, stride, pad);
      out = norm(`${p}.bn1`, out, planes);
      out = g.relu(`${p}.relu1`, out);
      out = conv(`${p}.conv2`, out, planes, planes, cfg.kernelSize, 1, pad);
      out = norm(`${p}.bn2`, out, planes, cfg.zeroInitResidual ? zero : one);
      let identity = identityIn;
      if (j === 0 && (stride !== 1 || c !== planes)) {
        identity = conv(`${p}.downsample.0`, identityIn, c, planes, 1, stride, 0);
        identity = norm(`${p}.downsample.1`, identity, planes);
      }
      out = g.add2(`${p}.add`, out, identity);
      h = g.relu(`${p}.relu2`, out);
      c = planes;
    }
  });
  h = g.globalAvgPool('avgpool', h);
  h = g.flatten('flatten', h);
  const bound = 1 / Math.sqrt(c);
  const fcW = g.param('fc.weight', [cfg.classes, c], { kind: 'uniform', bound });
  const fcB = g.param('fc.bias', [cfg.classes], { kind: 'uniform', bound });
  const logits = g.linear('fc', h, fcW, fcB);
  const loss = g.bceWithLogits('loss', logits, labels);
  return { graph: g, input: x, labels, logits, loss, config: { arch: 'resnet1d', ...cfg } };
}
