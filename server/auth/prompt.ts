/**
 * Reading a password for the CLI: from a prompt on a terminal with echo off (typed twice
 * for a new password), or from standard input (one line) when piped or with --password-stdin.
 * Never from an argument, which other users could read in `ps`.
 */
import { UsageError } from '../errors.ts';

/** Reads standard input to its end and returns the first line. */
export async function readStdinLine(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 64 * 1024) throw new UsageError('standard input is too long for a password');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** Prompts on the terminal without echoing what is typed. */
export function promptHidden(question: string, input = process.stdin, output = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u0004') return done();
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The password for a command: hidden prompt (twice when `confirm`) on a terminal, else a line of standard input. */
export async function readPassword(options: { fromStdin?: boolean; confirm?: boolean }): Promise<string> {
  if (options.fromStdin || !process.stdin.isTTY) {
    const line = await readStdinLine();
    if (!line) throw new UsageError('no password on standard input');
    return line;
  }
  const first = await promptHidden('Password: ');
  if (options.confirm) {
    const second = await promptHidden('Password again: ');
    if (first !== second) throw new UsageError('the two passwords differ');
  }
  return first;
}
