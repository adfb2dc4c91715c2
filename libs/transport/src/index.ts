export * from './transport';
export * from './embedded/embedded-log';
export * from './kafka/kafka-transport';
export * from './ledger-runtime';
