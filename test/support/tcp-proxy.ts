import { AddressInfo, createServer, Server, Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and resets new ones at once: the service looks down. */
  cut(): void;
  restore(): void;
  /** Keeps every connection open but forwards nothing: the service looks hung. */
  freeze(): void;
  /** Forwards again, starting with what was held back. */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder in front of a real service (Postgres, Redis), so a test can take
 * the service away from one process, or make it hang, without stopping it for everyone else.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let down = false;
  let frozen = false;
  const forward = ([client, upstream]: [Socket, Socket]) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    for (const s of pair) {
      open.add(s);
      s.on('error', () => pair.forEach((p) => p.destroy()));
      s.on('close', () => {
        open.delete(s);
        pairs.delete(pair);
        pair.forEach((p) => p.destroy());
      });
    }
    upstream.connect(targetPort, targetHost, () => {
      pairs.add(pair);
      if (!frozen) forward(pair);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      down = true;
      for (const s of open) s.destroy();
    },
    restore: () => {
      down = false;
    },
    freeze: () => {
      frozen = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    },
    thaw: () => {
      frozen = false;
      pairs.forEach(forward);
    },
    close: async () => {
      down = true;
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A proxy in front of the service a URL names (postgres://, redis://), and the same URL pointed at the proxy. */
export async function proxyFor(serviceUrl: string, defaultPort: number): Promise<{ proxy: TcpProxy; url: string }> {
  const direct = new URL(serviceUrl);
  const proxy = await startTcpProxy(Number(direct.port || defaultPort), direct.hostname);
  const via = new URL(serviceUrl);
  via.hostname = '127.0.0.1';
  via.port = String(proxy.port);
  return { proxy, url: via.toString() };
}
