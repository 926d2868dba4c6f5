// Entry point: styles, the test hook, and the app.
import './styles/app.css';
import { startApp } from './app/app';
import { installTestHook } from './test-hook';

installTestHook();
startApp(document.getElementById('app')!);
