import { Module } from '@nestjs/common';
import { ApplicationsRepository } from './applications.repository';

@Module({ providers: [ApplicationsRepository], exports: [ApplicationsRepository] })
export class ApplicationsModule {}
