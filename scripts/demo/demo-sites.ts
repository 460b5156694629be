// The made-up sites, scanners and people of the demo study. Every name, address, identifier and
// physician here is invented; the data are synthetic phantoms, not patients. The institution
// names are those of the fictional sites in studies/demo-crossover/study.yaml.
import type { NoiseProfile } from './phantom';

export type SiteId = 'site-a' | 'site-b' | 'site-c';
export type VendorId = 'ge' | 'siemens' | 'philips';

export interface Vendor {
	id: VendorId;
	manufacturer: string;
	kernel: string;
	/** Reconstructed field of view, mm: with 512 columns it sets PixelSpacing. */
	fieldOfViewMm: number;
	sliceThicknessMm: number;
	/** Scanner noise: level and grain differ per vendor so vendor is a meaningful stratum. */
	noise: NoiseProfile;
}

export interface Site {
	id: SiteId;
	institutionName: string;
	institutionAddress: string;
	stationPrefix: string;
	/** Prefix of the site's (fake) medical record numbers. */
	recordPrefix: string;
	referringPhysicians: readonly string[];
	/** Scanner model per vendor at this site, and how many demo cases come from it. */
	scanners: Readonly<Record<VendorId, { model: string; softwareVersions: string; cases: number }>>;
}

export const VENDORS: Readonly<Record<VendorId, Vendor>> = {
	ge: {
		id: 'ge',
		manufacturer: 'GE MEDICAL SYSTEMS',
		kernel: 'STANDARD',
		fieldOfViewMm: 360,
		sliceThicknessMm: 2.5,
		noise: { sigmaHu: 11, grainXmm: 0.5, grainYmm: 0.5 }
	},
	siemens: {
		id: 'siemens',
		manufacturer: 'SIEMENS',
		kernel: 'Br40d',
		fieldOfViewMm: 350,
		sliceThicknessMm: 3,
		noise: { sigmaHu: 8, grainXmm: 1.1, grainYmm: 1.1 }
	},
	philips: {
		id: 'philips',
		manufacturer: 'Philips',
		kernel: 'B',
		fieldOfViewMm: 380,
		sliceThicknessMm: 2,
		noise: { sigmaHu: 13, grainXmm: 2.4, grainYmm: 0.4 }
	}
};

// Sites and vendors are crossed (every site has every vendor) but not balanced: each site leans
// on one vendor, and the sites contribute 45, 40 and 35 cases.
export const SITES: readonly Site[] = [
	{
		id: 'site-a',
		institutionName: 'Northfield Teaching Hospital',
		institutionAddress: '1 Example Road, Northfield, Fictionland',
		stationPrefix: 'NTHCT',
		recordPrefix: 'NT',
		referringPhysicians: ['FICTITIA^MARA^^DR', 'INVENTO^LUC^^DR', 'PLACEHOLD^ODA^^DR'],
		scanners: {
			ge: { model: 'Revolution CT', softwareVersions: 'revo_ct_22.1', cases: 20 },
			siemens: { model: 'SOMATOM Definition AS', softwareVersions: 'syngo CT VA48A', cases: 15 },
			philips: { model: 'Ingenuity CT', softwareVersions: '4.1.6', cases: 10 }
		}
	},
	{
		id: 'site-b',
		institutionName: 'Riverside Regional Clinic',
		institutionAddress: '200 Placeholder Avenue, Riverside, Fictionland',
		stationPrefix: 'RRCCT',
		recordPrefix: 'RR',
		referringPhysicians: ['MADEUP^IVO^^DR', 'NOTREAL^SANA^^DR', 'SAMPLESON^KAI^^DR'],
		scanners: {
			ge: { model: 'Optima CT660', softwareVersions: 'gmp_ct_14.2', cases: 8 },
			siemens: { model: 'SOMATOM Force', softwareVersions: 'syngo CT VB20A', cases: 20 },
			philips: { model: 'IQon - Spectral CT', softwareVersions: '4.7.5', cases: 12 }
		}
	},
	{
		id: 'site-c',
		institutionName: 'Eastgate University Hospital',
		institutionAddress: '35 Sample Street, Eastgate, Fictionland',
		stationPrefix: 'EUHCT',
		recordPrefix: 'EU',
		referringPhysicians: ['DUMMIE^RONA^^DR', 'TESTWELL^ABE^^DR'],
		scanners: {
			ge: { model: 'LightSpeed VCT', softwareVersions: 'lsvct_07.3', cases: 10 },
			siemens: { model: 'SOMATOM go.Top', softwareVersions: 'syngo CT VA30A', cases: 7 },
			philips: { model: 'Brilliance 64', softwareVersions: '3.5.5', cases: 18 }
		}
	}
];

/** Made-up family and given names for the fake PatientName (DICOM PN: FAMILY^GIVEN). */
export const FAMILY_NAMES = [
	'DEMOWELL',
	'FAKERSON',
	'TESTLEY',
	'MOCKRIDGE',
	'PLACEHOLT',
	'SAMPLEWOOD',
	'NULLSBY',
	'PHANTOMA'
] as const;
export const GIVEN_NAMES = [
	'ALEX',
	'JORDAN',
	'SAM',
	'RILEY',
	'CASEY',
	'MORGAN',
	'TAYLOR',
	'JAMIE'
] as const;
