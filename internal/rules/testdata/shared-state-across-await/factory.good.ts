import { lookupRate, type Line } from "./rates";

// Each call of priceLines makes its own memoised getter and calls it one
// line after another: the closure belongs to that call alone.
function rateGetter(region: string): (category: string) => Promise<number> {
  const rates = new Map<string, number>();
  return async (category: string) => {
    const hit = rates.get(category);
    if (hit !== undefined) {
      return hit;
    }
    const rate = await lookupRate(region, category);
    rates.set(category, rate);
    return rate;
  };
}

export async function priceLines(region: string, lines: Line[]): Promise<number> {
  const getRate = rateGetter(region);
  let total = 0;
  for (const line of lines) {
    total += line.amount * (await getRate(line.category));
  }
  return total;
}

async function applyAll(lines: Line[], getRate: (c: string) => Promise<number>): Promise<number> {
  let sum = 0;
  for (const line of lines) sum += await getRate(line.category);
  return sum;
}

// Lent to a call this function awaits: still one getter per call.
export async function priceAll(region: string, lines: Line[]): Promise<number> {
  return (await applyAll(lines, rateGetter(region))) * 1;
}
