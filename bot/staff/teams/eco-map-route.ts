import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { answerText, t } from '../../../dialogs/render/catalogue';
import type { Locale } from '../../../dialogs/types';
import { sendError } from '../../http/errors';
import type { IntakeQueue } from '../../store/intake-queue';
import { renderEcoMapPng } from './eco-map';

/**
 * Eco-map images live behind unguessable addresses (an HMAC of the reference) rather than
 * inside the card: Teams fetches card images without the user's token, a PNG as a data URI
 * would overflow Teams' ~28 KB message limit, and a link stops working the moment the intake
 * is erased, where an embedded copy would stay in the channel's history.
 */
export function ecoMapPath(secret: string, reference: string): string {
  return `/teams/eco-map/${encodeURIComponent(reference)}.png?sig=${sign(secret, reference)}`;
}

/** `GET /teams/eco-map/:reference.png?sig=…` → the PNG, or 404 without saying why. */
export function ecoMapRoute(deps: { secret: string; queue: IntakeQueue; staffLocale: Locale }): RequestHandler {
  return async (req, res) => {
    const reference = String(req.params.reference ?? '');
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    const intake = validSignature(deps.secret, reference, sig) ? await deps.queue.find(reference) : undefined;
    if (!intake) {
      sendError(res, 404, 'NotFound', 'No such image.');
      return;
    }
    const say = (id: string) => t(deps.staffLocale, id);
    // A tie chosen by button ("relation.family") is drawn by its name; typed ones as typed.
    const resources = intake.record.resources.map((resource) => ({ ...resource, who: answerText(deps.staffLocale, resource.who) }));
    const png = renderEcoMapPng(resources, {
      person: say('staff.card.ecoMapPerson'),
      kind: (kind) => say(`choice.support.${kind}`),
      tie: (tie) => say(`choice.tie.${tie}`)
    });
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' });
    res.send(png);
  };
}

function sign(secret: string, reference: string): string {
  return createHmac('sha256', secret).update(`eco-map:${reference}`).digest('base64url');
}

function validSignature(secret: string, reference: string, sig: string): boolean {
  const expected = Buffer.from(sign(secret, reference));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
