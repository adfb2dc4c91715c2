import { createKafka, createLedgerRuntime, KafkaLedgerConsumer, kafkaSettings, LedgerRuntime } from '@app/transport';
import { catalogue } from '@app/domain';
import { LedgerBatchProcessor } from '@app/postgres';
import { AppConfig } from '@app/config';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { issue, pay } from './support/events';
import { reportFigures } from './support/figures';
import { testConfig } from './support/test-app';

/**
 * Kafka delivery guarantees (SPEC §3) with a real broker: treasury systems produce straight to the topic, a message
 * delivered twice is applied once, a consumer that re-reads the partition from the start changes nothing, and
 * poison messages go to the DLQ with the reason in headers without stalling their partition.
 */
describe('Kafka transport delivery', () => {
  let config: AppConfig;
  let runtime: LedgerRuntime;
  let kafka: Kafka;
  let producer: Producer;
  let dlq: Consumer;
  const dlqMessages: { value: string | null; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    const made = await testConfig('kafka');
    config = made.config;
    runtime = await createLedgerRuntime(config, made.databaseUrl, (e) => console.error('[ledger consumer]', e));
    await runtime.consumer.start();
    kafka = createKafka(kafkaSettings(config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    dlq = kafka.consumer({ groupId: `${config.kafkaGroupId}-dlq-reader` });
    await dlq.connect();
    await dlq.subscribe({ topic: config.kafkaDlqTopic, fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        dlqMessages.push({ value: message.value?.toString() ?? null, headers });
      },
    });
  });
  afterAll(async () => {
    await dlq?.disconnect();
    await producer?.disconnect();
    await runtime?.close();
  });

  const send = (key: string, ...values: (string | Buffer | null)[]) =>
    producer.send({ topic: config.kafkaTopic, acks: -1, messages: values.map((value) => ({ key, value })) });
  const line = async (dept: string, lineId: string) =>
    (await runtime.pool.query('SELECT budget::text, paid::text FROM ledger_lines WHERE department_code = $1 AND line_id = $2', [dept, lineId])).rows[0];
  const until = async (condition: () => Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out');
  };

  it('applies a message delivered twice once (DUPLICATE), and the ledger records no rejection for it', async () => {
    const i = JSON.stringify(issue('K-1', '1000', {}, { departmentCode: 'KD' }));
    const p = JSON.stringify(pay('K-1', '250.25', '30201', { departmentCode: 'KD' }));
    await send('KD', i, p, p);
    await send('KD', p);
    await until(async () => (await line('KD', 'K-1'))?.paid === '250.25');
    const after = await send('KD', JSON.stringify(pay('K-1', '0.75', '30201', { departmentCode: 'KD' })));
    expect(after).toBeDefined();
    await until(async () => (await line('KD', 'K-1'))?.paid === '251.00');
    const counts = await runtime.pool.query("SELECT count(*)::int AS n FROM events WHERE department_code = 'KD'");
    expect(counts.rows[0].n).toBe(3);
    const rejections = await runtime.pool.query("SELECT count(*)::int AS n FROM rejections WHERE department_code = 'KD'");
    expect(rejections.rows[0].n).toBe(0);
  });

  it('sends poison messages to the DLQ with the reason in headers and keeps the partition flowing', async () => {
    const unknownType = JSON.stringify({ ...pay('KP-1', '1', '30201', { departmentCode: 'KP' }), type: 'PaymentPromised' });
    const unknownLine = pay('KP-404', '5', '30201', { departmentCode: 'KP' });
    const notUtf8 = Buffer.concat([Buffer.from(JSON.stringify(issue('KP-2', '5', {}, { departmentCode: 'KP' })).slice(0, -2)), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    await send('KP', 'this is not json', null, unknownType, JSON.stringify(unknownLine), notUtf8, JSON.stringify(issue('KP-1', '77', {}, { departmentCode: 'KP' })));
    await until(async () => (await line('KP', 'KP-1'))?.budget === '77.00');
    await until(async () => dlqMessages.length >= 5);
    expect(dlqMessages.find((m) => m.headers['x-dlq-reason']?.includes('not valid UTF-8'))).toBeDefined();

    const byValue = (v: string | null) => dlqMessages.find((m) => m.value === v);
    expect(byValue('this is not json')?.headers).toMatchObject({ 'x-dlq-code': 'VALIDATION_FAILED', 'x-original-topic': config.kafkaTopic });
    expect(byValue('this is not json')?.headers['x-dlq-reason']).toMatch(/not JSON/);
    expect(byValue(null)?.headers['x-dlq-reason']).toMatch(/empty message/);
    expect(byValue(unknownType)?.headers['x-dlq-reason']).toMatch(/type must be one of/);
    expect(byValue(JSON.stringify(unknownLine))?.headers).toMatchObject({ 'x-dlq-code': 'UNKNOWN_LINE', 'x-event-id': unknownLine.eventId, 'x-department-code': 'KP' });
    const offsets = dlqMessages.map((m) => Number(m.headers['x-original-offset']));
    expect(offsets.every(Number.isInteger)).toBe(true);

    const rejections = await runtime.pool.query<{ code: string }>("SELECT code FROM rejections WHERE department_code = 'KP' ORDER BY id");
    expect(rejections.rows.map((r) => r.code)).toEqual(['VALIDATION_FAILED', 'UNKNOWN_LINE']); // the others name no department
  });

  it('applies nothing twice when the consumer group is rewound to the start of the topic', async () => {
    const snapshot = async () => (await runtime.pool.query('SELECT * FROM ledger_lines ORDER BY department_code, line_id')).rows;
    const count = async (table: string) => (await runtime.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    const before = { lines: await snapshot(), events: await count('events'), rejections: await count('rejections') };
    expect(before.rejections).toBeGreaterThan(0);

    await runtime.consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: config.kafkaGroupId, topic: config.kafkaTopic, earliest: true });
    const redelivered = (await admin.fetchTopicOffsets(config.kafkaTopic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    await admin.disconnect();
    const rewound = new KafkaLedgerConsumer(kafka, runtime.pool, new LedgerBatchProcessor(runtime.pool, runtime.projections, catalogue), kafkaSettings(config));
    await rewound.start();
    try {
      await send('KD', JSON.stringify(pay('K-1', '1', '30201', { departmentCode: 'KD' })));
      await until(async () => (await line('KD', 'K-1'))?.paid === '252.00');
      expect(await count('events')).toBe(before.events + 1);
      expect(await count('rejections')).toBe(before.rejections);
      const changed = (await snapshot()).filter((row) => row.line_id !== 'K-1');
      expect(changed).toEqual(before.lines.filter((row) => row.line_id !== 'K-1'));
      reportFigures('consumer group rewound', `messages redelivered: ${redelivered}, applied twice: 0, differences: 0`);
    } finally {
      await rewound.stop();
    }
  });

  it('skips, inside the ledger transaction, messages at offsets its checkpoint has passed', async () => {
    const { rows } = await runtime.pool.query<{ partition: number; next_offset: string }>(
      'SELECT partition, next_offset::text FROM transport_checkpoints WHERE stream = $1 AND next_offset > 0 LIMIT 1',
      [config.kafkaTopic],
    );
    const redelivered = [{ offset: '0', value: JSON.stringify(issue('K-late', '5', {}, { departmentCode: 'KD' })) }];
    const outcome = await new LedgerBatchProcessor(runtime.pool, runtime.projections, catalogue).process(
      { stream: config.kafkaTopic, partition: rows[0].partition },
      redelivered,
    );
    expect(outcome).toMatchObject({ skipped: 1, applied: 0, rejected: 0 });
    expect(await line('KD', 'K-late')).toBeUndefined();
  });
});
