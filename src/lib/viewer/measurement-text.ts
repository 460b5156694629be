// How a stored measurement reads on the workstation: its value with its unit, and where its mm
// come from. The numbers are the stored ones (computed by buildMeasurement), only rounded for show.
import { m } from '$lib/paraglide/messages';
import type { Measurement, MeasurementKind } from '$lib/domain/measurement';
import type { Calibration } from '$lib/domain/measurement-math';

const UNIT: Record<string, string> = { mm: ' mm', px: ' px', mm2: ' mm²', px2: ' px²', HU: ' HU' };

const fixed = (value: number, digits: number) => value.toFixed(digits).replace('-', '−');

export function kindLabel(kind: MeasurementKind | 'windowlevel' | 'magnify'): string {
	const labels = {
		windowlevel: m.measure_tool_windowlevel,
		length: m.measure_tool_length,
		ellipse: m.measure_tool_ellipse,
		rectangle: m.measure_tool_rectangle,
		angle: m.measure_tool_angle,
		magnify: m.measure_tool_magnify
	};
	return labels[kind]();
}

/** The value as shown: "3.50 mm", "45.0°", "12.6 mm² · mean −864.0 HU, SD 58.6 HU". */
export function measurementValue(measurement: Measurement): string {
	if (measurement.kind === 'length')
		return `${fixed(measurement.length.value, 2)}${UNIT[measurement.length.unit]}`;
	if (measurement.kind === 'angle') return `${fixed(measurement.angle.value, 1)}°`;
	const unit = UNIT[measurement.mean.unit] ?? '';
	const stats = m.measure_mean_sd({
		mean: `${fixed(measurement.mean.value, 1)}${unit}`,
		sd: `${fixed(measurement.sd.value, 1)}${unit}`
	});
	const note = measurement.mean.unit === 'HU' ? '' : ` ${m.measure_unit_pixel_value()}`;
	return `${fixed(measurement.area.value, 1)}${UNIT[measurement.area.unit]} · ${stats}${note}`;
}

/** What the reader is told of the calibration: mm from PixelSpacing, at the detector, or pixels. */
export function calibrationNote(calibration: Calibration): string {
	if (calibration === 'PixelSpacing') return m.measure_calibration_pixel();
	if (calibration === 'ImagerPixelSpacing') return m.measure_calibration_imager();
	return m.measure_calibration_none();
}
