import { describe, expect, it } from 'vitest';
import { ViewStore } from '../src/ui/view-store.ts';
import { echoSession } from './flow-fixtures.ts';

describe('ViewStore', () => {
  it('starts on the event list, following live', () => {
    const view = new ViewStore();
    expect(view.state.get()).toMatchObject({ tab: 'list', selectedSeq: null, cursor: null, loaded: null, lang: 'python' });
  });

  it('selects and deselects, and closes the selection when the replay moves', () => {
    const view = new ViewStore();
    view.select(5, true);
    expect(view.state.get().selectedSeq).toBe(5);
    view.select(5, true);
    expect(view.state.get().selectedSeq).toBeNull();
    view.select(7);
    view.setCursor(3);
    expect(view.state.get()).toMatchObject({ cursor: 3, selectedSeq: null });
    view.selectLane('local/srv1');
    view.selectLane('local/srv1');
    expect(view.state.get().selectedLane).toBeNull();
  });

  it('replays a loaded session in the call flow, and goes back to live', () => {
    const view = new ViewStore();
    const { r } = echoSession();
    view.setCursor(4);
    view.load({ name: 'a.json', savedAt: '2025-01-01T00:00:00.000Z', events: r.events });
    expect(view.state.get()).toMatchObject({ tab: 'flow', cursor: null, loaded: { name: 'a.json' } });
    view.backToLive();
    expect(view.state.get()).toMatchObject({ tab: 'flow', loaded: null, cursor: null });
  });

  it('remembers stepped clients’ messages and the focused stepper', () => {
    const view = new ViewStore();
    view.rememberMessage('step2', 'hi');
    view.focusStepper('step2');
    expect(view.state.get()).toMatchObject({ stepMessages: { step2: 'hi' }, focusStepper: 'step2' });
  });
});
