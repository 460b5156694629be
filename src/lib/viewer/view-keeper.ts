// Keeps the view of the open case across a reload of the page (switching the interface language
// reloads it) and puts it back on the first image after the reload. The workstation tells it the
// view it shows; the storage format and its checks are view-state.ts's.
import { loadViewState, saveViewState, type ViewState } from './view-state';
import type { DisplayWindow, StackViewer } from './stack-viewer';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export class ViewKeeper {
	/** The image a restored view is moving to: its arrival is not the reader's scroll. */
	private restoringImage: number | null = null;

	constructor(private readonly storage: Store) {}

	/** Stores the view shown now: image, window, invert, and the viewer's zoom and pan. */
	keep(
		viewer: StackViewer,
		shown: { assignment: string; image: number; window: DisplayWindow | null; inverted: boolean }
	): void {
		saveViewState(this.storage, { ...shown, ...viewer.camera() });
	}

	/**
	 * Puts back the kept view of this assignment, if there is one; `stillShown` says whether the
	 * case is still the one on screen once the kept image has arrived. Returns what was restored.
	 */
	async restore(
		viewer: StackViewer,
		assignment: string,
		images: number,
		stillShown: () => boolean
	): Promise<ViewState | null> {
		const kept = loadViewState(this.storage, assignment);
		if (!kept) return null;
		if (kept.image > 0 && kept.image < images) {
			this.restoringImage = kept.image;
			await viewer.setImage(kept.image);
		}
		if (!stillShown()) return null;
		if (kept.window) viewer.setWindow(kept.window);
		viewer.setCamera(kept.zoom, kept.pan);
		return kept;
	}

	/** Whether this new image is the restored view arriving (and not the reader scrolling). */
	arrived(image: number): boolean {
		if (image !== this.restoringImage) return false;
		this.restoringImage = null;
		return true;
	}
}
