// Drawing text onto canvases for panels and labels. Only the system font stack is used (no web
// fonts), with CJK families listed so Chinese renders wherever the system has a CJK font.

import * as THREE from 'three';
import { wrapText } from './text-layout';

export const SYSTEM_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", ' +
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export function font(px: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight} ${Math.round(px)}px ${SYSTEM_FONTS}`;
}

/**
 * A canvas in the aspect of width × height metres, 1024 pixels on its longer side (2048 for long
 * thin signs, so their letters stay sharp).
 */
export function panelCanvas(widthM: number, heightM: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const aspect = widthM / Math.max(0.01, heightM);
  const maxSide = aspect > 3 || aspect < 1 / 3 ? 2048 : 1024;
  canvas.width = aspect >= 1 ? maxSide : Math.max(16, Math.round(maxSide * aspect));
  canvas.height = aspect >= 1 ? Math.max(16, Math.round(maxSide / aspect)) : maxSide;
  return canvas;
}

/** Colours, and the letter size in metres (TextItem.fontSize); without one the text is as large as fits. */
export interface PanelStyle { color: string; background: string; fontSizeM?: number }

/**
 * Paints wrapped text on a panel canvas `widthM` metres wide, shrinking the font until it fits.
 * Text is never larger than 9% of the panel's width, so a short word does not fill a big board.
 */
export function paintTextPanel(canvas: HTMLCanvasElement, text: string, style: PanelStyle, widthM: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const pad = Math.round(Math.min(canvas.width * 0.05, canvas.height * 0.12));
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const pxPerMetre = canvas.width / Math.max(0.01, widthM);
  const largest = Math.min((canvas.height - pad * 2) / 1.2, canvas.width * 0.09);
  let size = style.fontSizeM ? Math.min(largest, style.fontSizeM * pxPerMetre) : largest;
  let lines: string[] = [];
  for (; size >= 10; size *= 0.9) {
    ctx.font = font(size);
    lines = wrapText(text, canvas.width - pad * 2, (s) => ctx.measureText(s).width);
    if (lines.length * size * 1.3 <= canvas.height - pad * 2) break;
  }
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  ctx.font = font(size);
  const lineHeight = size * 1.3;
  // A single line (a sign) is centred; longer text reads from the top left.
  if (lines.length === 1) {
    ctx.textAlign = 'center';
    ctx.fillText(lines[0]!, canvas.width / 2, canvas.height / 2);
    return;
  }
  lines.forEach((line, i) => ctx.fillText(line, pad, pad + lineHeight * (i + 0.5)));
}

/** A texture saying that an asset could not be loaded (so a broken URL is visible, not invisible). */
export function missingAssetTexture(label: string): THREE.CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 256;
  const ctx = canvas.getContext('2d')!;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      ctx.fillStyle = (x + y) % 2 === 0 ? '#d14b8f' : '#3a3a46';
      ctx.fillRect(x * 32, y * 32, 32, 32);
    }
  }
  ctx.fillStyle = 'rgba(0,0,0,0.7)';
  ctx.fillRect(0, 100, 256, 56);
  ctx.fillStyle = '#ffffff';
  ctx.font = font(20, 'bold');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, 128, 128, 240);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}
