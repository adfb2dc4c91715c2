export * from './database';
export * from './migrations';
export * from './ledger/ledger-state-store';
export * from './ledger/ledger-batch-processor';
export * from './projections/projection';
export * from './projections/departments.projection';
export * from './ledger/rebuild';
export * from './projections/progress.projection';
