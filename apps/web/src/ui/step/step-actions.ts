import type { StepperInfo } from '@socket-playground/protocol';
import { useEffect, useState } from 'react';
import type { CommandInput } from '../../bridge/connection-types.ts';
import { parseBufsizeField } from '../../format/form-fields.ts';
import { useConnection, useView } from '../hooks.ts';

/** What a learner does to a stepped program: one call, run/pause, reset, change recv's bufsize. */
export interface StepperActions {
  /** A step was sent and its reply has not come yet. */
  stepping: boolean;
  step: () => void;
  toggleRun: () => void;
  reset: () => void;
  /** The bufsize field's text, kept in step with the stepper's. */
  bufsizeText: string;
  setBufsizeText: (text: string) => void;
}

export function useStepperActions(info: StepperInfo, source: string): StepperActions {
  const connection = useConnection();
  const view = useView();
  const [stepping, setStepping] = useState(false);
  const [bufsizeText, setText] = useState(String(info.bufsize));
  const target = { stepperId: info.stepperId, labHost: info.labHost };

  // The bridge's value wins when it changes (another tab, or the command took effect).
  useEffect(() => setText(String(info.bufsize)), [info.bufsize]);

  const send = (command: CommandInput) => {
    view.focusStepper(info.stepperId);
    return connection.command(command, source);
  };

  return {
    stepping,
    step: () => {
      setStepping(true);
      void send({ type: 'stepper.step', ...target }).finally(() => setStepping(false));
    },
    toggleRun: () => void send({ type: 'stepper.run', ...target, running: !info.running }),
    reset: () => void send({ type: 'stepper.stop', ...target }),
    bufsizeText,
    setBufsizeText: (text) => {
      setText(text);
      const parsed = parseBufsizeField(text);
      if (parsed.ok && parsed.value !== info.bufsize) void send({ type: 'stepper.bufsize', ...target, bufsize: parsed.value });
    },
  };
}

/** "Blocking echo server" first, then clients, each group in creation order. */
export function byProgram(steppers: readonly StepperInfo[]): { servers: StepperInfo[]; clients: StepperInfo[] } {
  return {
    servers: steppers.filter((s) => s.program === 'blocking-echo-server'),
    clients: steppers.filter((s) => s.program === 'echo-client'),
  };
}
