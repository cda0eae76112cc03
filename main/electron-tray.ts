// The real tray: Electron's Tray with the three icons from main/icons. Kept apart so app.ts can be
// tested with a stand-in tray.
import { join } from 'node:path';
import type * as Electron from 'electron';
import type { TrayLike } from './app.js';
import type { TrayIcon } from './tray-state.js';

export function createElectronTray(
  electron: Pick<typeof Electron, 'Tray' | 'Menu' | 'nativeImage'>,
  iconsDir: string,
): TrayLike {
  const image = (icon: TrayIcon) => electron.nativeImage.createFromPath(join(iconsDir, `tray-${icon}.png`));
  const tray = new electron.Tray(image('down'));
  return {
    setIcon: (icon) => tray.setImage(image(icon)),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (items) => tray.setContextMenu(electron.Menu.buildFromTemplate(items.map((i) => ({ ...i })))),
    onClick: (listener) => {
      tray.on('click', listener);
    },
  };
}
