import { createContext, useContext } from 'react';
import type { LabSession } from '../../netlab/lab-session.ts';

/** The who-can-connect lab's session, created once in App (it outlives the tab). */
export const LabContext = createContext<LabSession | null>(null);

export function useLab(): LabSession {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab() outside <LabContext>');
  return lab;
}
