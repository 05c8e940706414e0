// Builds the browser-test host page script; React and Redux are bundled here
// because this page plays the Mattermost web app that provides them.
const path = require('path');

module.exports = {
    entry: path.join(__dirname, 'host.tsx'),
    resolve: {extensions: ['.ts', '.tsx', '.js']},
    module: {
        rules: [{
            test: /\.tsx?$/,
            exclude: /node_modules/,
            use: {loader: 'ts-loader', options: {transpileOnly: true, configFile: path.join(__dirname, '../../tsconfig.json')}},
        }],
    },
    output: {path: path.join(__dirname, 'dist'), filename: 'e2e-host.js'},
    performance: {hints: false},
    devtool: false,
};
