import { Module } from '@nestjs/common';
import { ApplicationsRepository } from './applications.repository';

/**
 * The applications repository alone, for the guards and API keys. (ApplicationsModule needs
 * ApiKeysModule, which needs this: the split keeps the module graph acyclic.)
 */
@Module({ providers: [ApplicationsRepository], exports: [ApplicationsRepository] })
export class ApplicationRecordsModule {}
