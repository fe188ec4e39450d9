import type { RequestHandler } from 'express';

/**
 * The chat widget may sit on the agency's own website, another origin. Access is by bearer
 * token and never by cookie, so any origin may call.
 */
export const directLineCors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, X-Requested-With');
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
};
