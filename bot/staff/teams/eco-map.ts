import { Resvg } from '@resvg/resvg-js';
import type { Resource } from '../../../dialogs/types';

/** Words drawn on the map, in the staff language; the person's own words are drawn as typed. */
export interface EcoMapLabels {
  person: string;
  kind: (kind: Resource['kinds'][number]) => string;
  tie: (tie: Resource['tie']) => string;
}

const SIZE = 640;
const CENTRE = SIZE / 2;
const RADIUS = 210;

/**
 * The eco-map as SVG: the person in the middle, each resource on a circle around them. The
 * social-work convention is kept: a strong tie is a thick line, a weak one dashed, a strained
 * one crossed with hatches, so the kind of tie reads without colour too.
 */
export function ecoMapSvg(resources: Resource[], labels: EcoMapLabels): string {
  const nodes = resources.slice(0, 12).map((resource, index, all) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / Math.max(all.length, 1);
    const x = CENTRE + RADIUS * Math.cos(angle);
    const y = CENTRE + RADIUS * Math.sin(angle);
    return [tieLine(x, y, resource.tie), node(x, y, resource, labels)].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE + 40}" viewBox="0 0 ${SIZE} ${SIZE + 40}" font-family="DejaVu Sans, WenQuanYi Zen Hei, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...nodes,
    `<circle cx="${CENTRE}" cy="${CENTRE}" r="52" fill="#fde68a" stroke="#92400e" stroke-width="3"/>`,
    `<text x="${CENTRE}" y="${CENTRE + 6}" font-size="18" text-anchor="middle" font-weight="bold">${xml(labels.person)}</text>`,
    legend(labels),
    '</svg>'
  ].join('');
}

/** The eco-map rendered to PNG on the server, so Teams and the tab need nothing to draw it. */
export function renderEcoMapPng(resources: Resource[], labels: EcoMapLabels): Buffer {
  const svg = ecoMapSvg(resources, labels);
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

function tieLine(x: number, y: number, tie: Resource['tie'], x0 = CENTRE, y0 = CENTRE): string {
  const base = `x1="${x0.toFixed(1)}" y1="${y0.toFixed(1)}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}"`;
  if (tie === 'strong') return `<line ${base} stroke="#166534" stroke-width="7"/>`;
  if (tie === 'weak') return `<line ${base} stroke="#1d4ed8" stroke-width="2.5" stroke-dasharray="10 8"/>`;
  // Strained: a line crossed by short hatches along its length.
  const dx = x - x0;
  const dy = y - y0;
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy, nx, ny] = [dx / length, dy / length, -dy / length, dx / length];
  const hatches = [0.3, 0.45, 0.6].map((share) => {
    const cx = x0 + dx * share;
    const cy = y0 + dy * share;
    const [ax, ay] = [cx + nx * 12 - ux * 6, cy + ny * 12 - uy * 6];
    const [bx, by] = [cx - nx * 12 + ux * 6, cy - ny * 12 + uy * 6];
    return `<line x1="${ax.toFixed(1)}" y1="${ay.toFixed(1)}" x2="${bx.toFixed(1)}" y2="${by.toFixed(1)}" stroke="#b91c1c" stroke-width="3"/>`;
  });
  return `<line ${base} stroke="#b91c1c" stroke-width="3"/>${hatches.join('')}`;
}

function node(x: number, y: number, resource: Resource, labels: EcoMapLabels): string {
  const who = resource.who.length > 28 ? `${resource.who.slice(0, 27)}…` : resource.who;
  const kinds = resource.kinds.map(labels.kind).join(', ');
  return [
    `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="30" fill="#e0f2fe" stroke="#0c4a6e" stroke-width="2"/>`,
    `<text x="${x.toFixed(1)}" y="${(y - 38).toFixed(1)}" font-size="15" text-anchor="middle" font-weight="bold">${xml(who)}</text>`,
    `<text x="${x.toFixed(1)}" y="${(y + 48).toFixed(1)}" font-size="13" text-anchor="middle" fill="#374151" paint-order="stroke" stroke="#ffffff" stroke-width="4">${xml(kinds)}</text>`,
    `<text x="${x.toFixed(1)}" y="${(y + 64).toFixed(1)}" font-size="12" font-style="italic" text-anchor="middle" fill="#374151" paint-order="stroke" stroke="#ffffff" stroke-width="4">${xml(labels.tie(resource.tie))}</text>`
  ].join('');
}

function legend(labels: EcoMapLabels): string {
  const y = SIZE + 18;
  return (['strong', 'weak', 'strained'] as const)
    .map((tie, index) => {
      const x = 30 + index * 210;
      return `${tieLine(x + 50, y, tie, x, y)}<text x="${x + 60}" y="${y + 5}" font-size="13">${xml(labels.tie(tie))}</text>`;
    })
    .join('');
}

/** What a person typed must never become SVG markup. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
