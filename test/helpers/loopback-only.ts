/**
 * Makes every fetch of the process refuse any host but 127.0.0.1, recording what was refused, so an end-to-end
 * test proves it sent nothing to Slack or anywhere else. Install before the app is built (the Slack clients
 * keep the fetch they find then); `restore` puts the real one back.
 */
export function loopbackOnly(): { refused: string[]; restore: () => void } {
  const realFetch = globalThis.fetch;
  const refused: string[] = [];
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "127.0.0.1") {
      refused.push(url.href);
      throw new Error(`test: refused a request to ${url.host}; tests only talk to 127.0.0.1`);
    }
    return realFetch(input, init);
  };
  return {
    refused,
    restore: () => {
      globalThis.fetch = realFetch;
    },
  };
}
