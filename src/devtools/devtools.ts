import browser from 'webextension-polyfill';

void browser.devtools.panels.create('Sockets', '/icons/icon16.png', '/src/panel/panel.html');
