// Builds webapp/dist/main.js. The host's libraries stay external: a bundled
// copy of React or react-redux would not see the host's providers.
const path = require('path');

module.exports = {
    entry: path.join(__dirname, 'src/index.tsx'),
    resolve: {
        extensions: ['.ts', '.tsx', '.js', '.jsx'],
    },
    module: {
        rules: [{
            test: /\.tsx?$/,
            exclude: /node_modules/,
            use: {loader: 'ts-loader', options: {transpileOnly: true, configFile: path.join(__dirname, '../tsconfig.json')}},
        }],
    },
    // Only what both 11.x (React 18) and 12 (React 19) publish. Not
    // react/jsx-runtime (11.x has no window.ReactJSXRuntime: JSX stays the
    // classic transform, React.createElement of the host's React), nor
    // react-dom/client (React 19's window.ReactDOM has no createRoot).
    // webapp/bundle/bundle.test.ts checks the output.
    externals: {
        react: 'React',
        'react-dom': 'ReactDOM',
        redux: 'Redux',
        'react-redux': 'ReactRedux',
        'react-intl': 'ReactIntl',
        'react-bootstrap': 'ReactBootstrap',
    },
    externalsType: 'window',
    output: {
        path: path.join(__dirname, 'dist'),
        filename: 'main.js',
    },
    performance: {hints: false},
    devtool: false,
};
