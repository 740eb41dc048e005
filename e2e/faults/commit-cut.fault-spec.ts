import { SERVICES } from '../src/platform';
import { AT_LEAST_ONCE } from './fault-check';
import { FaultScenario, positive } from './fault-scenario';

/** Commits cut per service. */
const CUTS_PER_SERVICE = 8;
/** A service that does not commit within this long is passed over for the turn. */
const TURN_TIMEOUT_MS = 2_000;

describe('fault: the answer to COMMIT lost mid-stream', () => {
  const scenario = new FaultScenario('commit-cut', { databaseProxy: true });

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('loses nothing and notifies each match once when transactions commit but the services see their connection fail', async () => {
    const problems = await scenario.run({
      faultAt: 0,
      // Each service in turn: its next transaction commits, then its connection is cut before
      // the answer arrives. The service sees a failure of a change the database holds: it must
      // take the database, not its own view of the failure, as the truth.
      fault: async (platform) => {
        const proxy = platform.databaseProxy!;
        const started = Date.now();
        const cuts = new Map<string, number>(SERVICES.map((service) => [service, 0]));
        for (;;) {
          const turns = [...cuts].filter(([, count]) => count < CUTS_PER_SERVICE).map(([service]) => service);
          let cutThisRound = false;
          for (const service of turns) {
            proxy.cutCommits(1, service);
            const deadline = Date.now() + TURN_TIMEOUT_MS;
            while (proxy.commitCutsPending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
            const cut = proxy.commitCutsPending === 0;
            proxy.cutCommits(0);
            if (cut) cuts.set(service, cuts.get(service)! + 1);
            cutThisRound ||= cut;
          }
          if (!cutThisRound) break; // every service had its cuts, or the platform settled and nobody commits any more
        }
        // The proxy counts cuts per service; the figure confirmed above zero is their sum.
        const commitsCut = Object.values(proxy.commitsCut).reduce((sum, count) => sum + count, 0);
        return { commitsCut, commitsCutByService: { ...proxy.commitsCut }, cutsByService: Object.fromEntries(cuts), cuttingMs: Date.now() - started };
      },
      // Every service had at least one commit answer cut.
      confirm: (figures) => [
        ...positive(figures, 'commitsCut'),
        ...Object.entries(figures.cutsByService as Record<string, number>).filter(([, count]) => count === 0).map(([service]) => `fault not confirmed: no commit of ${service} cut`),
      ],
      duplicates: AT_LEAST_ONCE,
    });
    expect(problems).toEqual([]);
  });
});
