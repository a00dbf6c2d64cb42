// Vite bundles the stylesheets main.tsx imports for their side effect; TypeScript only needs to know they exist.
declare module '*.css';
