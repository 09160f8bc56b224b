import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MeasurementsService } from '@tally/metering';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { CreateMeasurementDto, MeasurementDto, MeasurementQueryDto, UpdateMeasurementDto } from './metering.dto';

/** The catalog is the same for every tenant, so every role may read it. */
@ApiTags('measurements')
@ApiErrors()
@Controller('measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listMeasurements' })
  @ApiOkResponse({ type: PageOf(MeasurementDto), description: 'Ordered by key' })
  async list(@Query() query: MeasurementQueryDto) {
    const page = await this.measurements.list(query);
    return { items: page.items.map(MeasurementDto.of), total: page.total };
  }

  @Get(':key')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getMeasurement' })
  @ApiParam({ name: 'key', example: 'disk.used' })
  @ApiOkResponse({ type: MeasurementDto })
  async get(@Param('key') key: string) {
    return MeasurementDto.of(await this.measurements.get(key));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createMeasurement' })
  @ApiCreatedResponse({ type: MeasurementDto, description: 'A custom measurement, source push; only its display unit and places can change later, and none can be deleted' })
  @ApiConflictResponse({ description: 'The key is taken (possibly by a built-in)' })
  async create(@Body() body: CreateMeasurementDto) {
    return MeasurementDto.of(await this.measurements.create(body));
  }

  @Patch(':key')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateMeasurement' })
  @ApiParam({ name: 'key', example: 'disk.used' })
  @ApiOkResponse({ type: MeasurementDto, description: 'The display unit and places, changed; nothing else of a measurement can change' })
  async update(@Param('key') key: string, @Body() body: UpdateMeasurementDto) {
    return MeasurementDto.of(await this.measurements.updateDisplay(key, body));
  }
}
