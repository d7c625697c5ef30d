import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

interface HostileRow {
  url: string;
  messages: number;
  text: string;
  title: string;
}

/**
 * Each hostile page's socket, as the panel shows it: closed by the page (4000) with all 6 messages,
 * its own frame and protocols, nothing forged; and no socket beyond the attack pages' own.
 */
export async function assertHostileRows(t: TestContext, rows: HostileRow[], attacks: string[], socketUrl: (attack: string) => string, frameOf: (attack: string) => string): Promise<void> {
  for (const attack of attacks) {
    await t.test(attack, () => {
      const socket = rows.find((s) => s.url === socketUrl(attack));
      assert.ok(socket, `no socket ${socketUrl(attack)} in ${JSON.stringify(rows.map((r) => r.url))}`);
      assert.equal(socket.messages, 6);
      assert.doesNotMatch(socket.text, /forged|bank\.example|4321/);
      assert.match(socket.text, /4000/);
      assert.equal(socket.title, `${socketUrl(attack)}\nframe: ${frameOf(attack)}\nrequested: chat`);
    });
  }
  assert.ok(rows.every((r) => attacks.some((a) => r.url === socketUrl(a))), JSON.stringify(rows.map((r) => r.url)));
}
