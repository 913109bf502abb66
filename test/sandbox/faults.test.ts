// Injected API errors are spread evenly over requests at the configured rate, so a test that
// makes a few requests meets them every time, not only on a lucky draw.
import { describe, expect, test } from 'vitest';
import { Faults } from '../../sandbox/faults.ts';

function draw(faults: Faults, n: number): (number | undefined)[] {
  return Array.from({ length: n }, () => faults.nextApiError());
}

describe('Faults.nextApiError', () => {
  test.each([
    [0, 10, 0],
    [0.3, 10, 3],
    [0.5, 10, 5],
    [1, 7, 7],
  ])('rate %f fails %i requests %i times', (rate, n, failures) => {
    const faults = new Faults({ apiErrorRate: rate, apiErrorStatus: 500 });
    expect(draw(faults, n).filter((c) => c !== undefined)).toHaveLength(failures);
  });

  test('no four requests in a row pass at rate 0.3', () => {
    const codes = draw(new Faults({ apiErrorRate: 0.3 }), 40);
    for (let i = 0; i + 4 <= codes.length; i++)
      expect(codes.slice(i, i + 4).some((c) => c !== undefined)).toBe(true);
  });

  test("'mixed' alternates 429 and 500", () => {
    const codes = draw(new Faults({ apiErrorRate: 1, apiErrorStatus: 'mixed' }), 4);
    expect(codes).toEqual([429, 500, 429, 500]);
  });

  test('changing the faults starts the spread anew', () => {
    const faults = new Faults({ apiErrorRate: 0.5 });
    expect(draw(faults, 1)).toEqual([undefined]);
    faults.set({ apiErrorRate: 0.5 });
    expect(draw(faults, 2)).toEqual([undefined, 500]);
  });
});
