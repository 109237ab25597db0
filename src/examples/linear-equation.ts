/**
 * LinearEquation: is there a pair of bytes (x, y) with a·x + b·y ≡ c (mod 256)? The checker
 * "solves" it by exploring every (x, y) reachable by incrementing x or y, a tiny model whose
 * state counts pin the search order of the checker (Stateright's own checker test model).
 */
import { sometimes, type Model, type Property } from '../checker/index.js';

export type LinearEquationState = readonly [x: number, y: number];
export type LinearEquationAction = 'IncreaseX' | 'IncreaseY';

export class LinearEquation implements Model<LinearEquationState, LinearEquationAction> {
  constructor(
    readonly a: number,
    readonly b: number,
    readonly c: number,
  ) {}

  initStates(): LinearEquationState[] {
    return [[0, 0]];
  }

  actions(_state: LinearEquationState, out: LinearEquationAction[]): void {
    out.push('IncreaseX', 'IncreaseY');
  }

  nextState([x, y]: LinearEquationState, action: LinearEquationAction): LinearEquationState {
    return action === 'IncreaseX' ? [(x + 1) & 0xff, y] : [x, (y + 1) & 0xff];
  }

  properties(): Property<LinearEquationState>[] {
    return [sometimes('solvable', ([x, y]) => (this.a * x + this.b * y) % 256 === this.c)];
  }

  formatState([x, y]: LinearEquationState): string {
    return `(${x}, ${y})`;
  }
}
