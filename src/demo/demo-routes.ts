import express from 'express';
import type { DemoPatient } from './demo-data.js';

/** Demo-mode helpers for newcomers: which demo patients exist. */
export function demoRouter(patients: readonly DemoPatient[]): express.Router {
  const router = express.Router();
  router.get('/patients', (_req, res) => {
    res.json({ patients });
  });
  return router;
}
