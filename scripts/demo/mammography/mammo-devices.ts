// The made-up mammography units of the demo: the same three fictional sites as the CT demo
// (scripts/demo/demo-sites.ts), each with one unit of each of three vendors. Every name here is
// invented or a public product name used only as a plausible label; the images are synthetic.
import type { SiteId } from '../demo-sites';

export type MammoVendorId = 'hologic' | 'ge' | 'siemens';

export interface MammoVendor {
	id: MammoVendorId;
	manufacturer: string;
	/** Quantum-noise level (standard deviation, stored values): vendor is a meaningful stratum. */
	noiseSigma: number;
	/** Overall gain of the "for presentation" processing (1 = as drawn). */
	contrastGain: number;
}

export const MAMMO_VENDORS: Readonly<Record<MammoVendorId, MammoVendor>> = {
	hologic: {
		id: 'hologic',
		manufacturer: 'HOLOGIC, Inc.',
		noiseSigma: 3.5,
		contrastGain: 1
	},
	ge: {
		id: 'ge',
		manufacturer: 'GE MEDICAL SYSTEMS',
		noiseSigma: 3,
		contrastGain: 0.92
	},
	siemens: {
		id: 'siemens',
		manufacturer: 'SIEMENS',
		noiseSigma: 4.5,
		contrastGain: 1.06
	}
};

/** Unit model and software per site and vendor. */
export const MAMMO_UNITS: Readonly<
	Record<SiteId, Readonly<Record<MammoVendorId, { model: string; softwareVersions: string }>>>
> = {
	'site-a': {
		hologic: { model: 'Selenia Dimensions', softwareVersions: '1.11.2' },
		ge: { model: 'Senographe Pristina', softwareVersions: 'ADS_56.10' },
		siemens: { model: 'MAMMOMAT Revelation', softwareVersions: 'VB10A' }
	},
	'site-b': {
		hologic: { model: '3Dimensions', softwareVersions: '2.1.0' },
		ge: { model: 'Senographe Essential', softwareVersions: 'ADS_54.11' },
		siemens: { model: 'MAMMOMAT Inspiration', softwareVersions: 'VA30B' }
	},
	'site-c': {
		hologic: { model: 'Selenia Dimensions', softwareVersions: '1.10.1' },
		ge: { model: 'Senographe Pristina', softwareVersions: 'ADS_57.20' },
		siemens: { model: 'MAMMOMAT B.brilliant', softwareVersions: 'VA10C' }
	}
};
