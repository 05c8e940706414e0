// Builds the stand-in host page script; React and the other host libraries are
// bundled here because this page plays the Mattermost web app that provides them.
//   default          e2e-host.js: the root package's React 18 (the 11.x web app's versions)
//   --env react=19   e2e-host19.js: e2e/host19's React 19 and friends (Mattermost 12)
const path = require('path');

module.exports = (env = {}) => {
    const react19 = String(env.react) === '19';
    return {
        entry: path.join(__dirname, 'host.tsx'),
        resolve: {
            extensions: ['.ts', '.tsx', '.js'],

            // host19's packages first, for host.tsx and for every package they
            // require, so one React 19 serves react-redux, react-intl and react-bootstrap.
            modules: react19 ? [path.join(__dirname, '../host19/node_modules'), 'node_modules'] : ['node_modules'],
        },
        module: {
            rules: [{
                test: /\.tsx?$/,
                exclude: /node_modules/,
                use: {loader: 'ts-loader', options: {transpileOnly: true, configFile: path.join(__dirname, '../../tsconfig.json')}},
            }],
        },
        output: {path: path.join(__dirname, 'dist'), filename: react19 ? 'e2e-host19.js' : 'e2e-host.js'},
        performance: {hints: false},
        devtool: false,
    };
};
